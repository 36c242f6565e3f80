package io.spawn.internal.runtime;

import io.spawn.protocol.Status;

/**
 * Every outcome of a call, with the protocol status and the HTTP code a proxy answers with (the error table of
 * {@code semantics.md}). A proxy maps these 1:1; gRPC endpoints map them to gRPC codes.
 */
public enum InvocationStatus {

	/** The call succeeded. */
	OK(Status.OK, 200),

	/** No such actor, system or template. */
	ACTOR_NOT_FOUND(Status.ACTOR_NOT_FOUND, 404),

	/** The actor exists but does not declare the action. */
	ACTION_NOT_FOUND(Status.ERROR, 404),

	/** The request is not decodable or misses a required field. */
	INVALID_REQUEST(Status.ERROR, 400),

	/** The request body is larger than the configured limit. */
	PAYLOAD_TOO_LARGE(Status.ERROR, 413),

	/** A synchronous call would re-enter an actor that is waiting further up the same call chain. */
	REENTRANT_CALL(Status.ERROR, 409),

	/** Another activation of the actor committed state since this one read it; the call was not applied. */
	STATE_CONFLICT(Status.ERROR, 409),

	/** The actor's mailbox is over its limit. */
	MAILBOX_FULL(Status.ERROR, 429),

	/** The user's action threw; the message is the host's. */
	ACTION_FAILED(Status.ERROR, 500),

	/** The actor's kind (TASK, PROJECTION) is accepted at registration but cannot be called yet. */
	NOT_IMPLEMENTED(Status.ERROR, 501),

	/** The host answered something that is not a valid response. */
	BAD_HOST_RESPONSE(Status.ERROR, 502),

	/** The host is unreachable, the state store is down, or the runtime is draining. */
	UNAVAILABLE(Status.ERROR, 503),

	/** The call's deadline passed. */
	DEADLINE_EXCEEDED(Status.ERROR, 504);

	private final Status status;

	private final int httpStatus;

	InvocationStatus(Status status, int httpStatus) {
		this.status = status;
		this.httpStatus = httpStatus;
	}

	/**
	 * The status carried in the protocol's {@code RequestStatus}.
	 * @return the protocol status
	 */
	public Status protocolStatus() {
		return this.status;
	}

	/**
	 * The HTTP status code of this outcome.
	 * @return the code
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

}
