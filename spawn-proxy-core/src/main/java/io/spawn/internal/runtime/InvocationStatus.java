package io.spawn.internal.runtime;

import io.spawn.protocol.Status;

/**
 * Every outcome of a call, with the protocol status it carries in {@code RequestStatus}. Transports decide their
 * own codes at their edge, each with an exhaustive switch over these constants (the proxy's HTTP codes follow the
 * error table of {@code semantics.md}; its gRPC endpoints map them to gRPC codes), so that a new outcome does not
 * compile until every edge has a code for it.
 */
public enum InvocationStatus {

	/** The call succeeded. */
	OK(Status.OK),

	/** No such actor, system or template. */
	ACTOR_NOT_FOUND(Status.ACTOR_NOT_FOUND),

	/** The actor exists but does not declare the action. */
	ACTION_NOT_FOUND(Status.ERROR),

	/** The request is not decodable or misses a required field. */
	INVALID_REQUEST(Status.ERROR),

	/** The request body is larger than the configured limit. */
	PAYLOAD_TOO_LARGE(Status.ERROR),

	/** A synchronous call would re-enter an actor that is waiting further up the same call chain. */
	REENTRANT_CALL(Status.ERROR),

	/** Another activation of the actor committed state since this one read it; the call was not applied. */
	STATE_CONFLICT(Status.ERROR),

	/** The actor's mailbox is over its limit. */
	MAILBOX_FULL(Status.ERROR),

	/** The user's action threw; the message is the host's. */
	ACTION_FAILED(Status.ERROR),

	/** The actor's kind (TASK, PROJECTION) is accepted at registration but cannot be called yet. */
	NOT_IMPLEMENTED(Status.ERROR),

	/** The host answered something that is not a valid response. */
	BAD_HOST_RESPONSE(Status.ERROR),

	/** The host is unreachable, the state store is down, or the runtime is draining. */
	UNAVAILABLE(Status.ERROR),

	/** The call's deadline passed. */
	DEADLINE_EXCEEDED(Status.ERROR),

	/** The request carries no credentials the proxy accepts (no token, or a wrong one); nothing ran. */
	UNAUTHENTICATED(Status.ERROR),

	/** The caller is authenticated but may not make this call (an access rule denies it); nothing ran. */
	PERMISSION_DENIED(Status.ERROR);

	private final Status status;

	InvocationStatus(Status status) {
		this.status = status;
	}

	/**
	 * The status carried in the protocol's {@code RequestStatus}.
	 * @return the protocol status
	 */
	public Status protocolStatus() {
		return this.status;
	}

}
