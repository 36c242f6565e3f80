package io.spawn.proxy.grpc;

import io.grpc.Status;
import io.spawn.internal.runtime.InvocationStatus;

/**
 * The gRPC status of each outcome of a call.
 *
 * <p>
 * A reentrant call and a state conflict are ABORTED, gRPC's code for "a concurrency conflict; retry at a higher
 * level", rather than FAILED_PRECONDITION, which tells the client not to retry until the system changes.
 */
final class GrpcStatuses {

	private GrpcStatuses() {
	}

	static Status.Code code(InvocationStatus status) {
		return switch (status) {
			case OK -> Status.Code.OK;
			case ACTOR_NOT_FOUND, ACTION_NOT_FOUND -> Status.Code.NOT_FOUND;
			case INVALID_REQUEST -> Status.Code.INVALID_ARGUMENT;
			case PAYLOAD_TOO_LARGE, MAILBOX_FULL -> Status.Code.RESOURCE_EXHAUSTED;
			case REENTRANT_CALL, STATE_CONFLICT -> Status.Code.ABORTED;
			case NOT_IMPLEMENTED -> Status.Code.UNIMPLEMENTED;
			case UNAVAILABLE -> Status.Code.UNAVAILABLE;
			case DEADLINE_EXCEEDED -> Status.Code.DEADLINE_EXCEEDED;
			case ACTION_FAILED, BAD_HOST_RESPONSE -> Status.Code.INTERNAL;
			case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
			case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
		};
	}

	static Status status(InvocationStatus status, String message) {
		return Status.fromCode(code(status)).withDescription(message);
	}

}
