package io.spawn.autoconfigure;

import io.spawn.client.CallStatus;
import io.spawn.internal.runtime.InvocationStatus;
import org.jspecify.annotations.Nullable;

/**
 * The one mapping from the embedded runtime's outcomes to what a caller sees. Exhaustive on purpose: a new
 * {@link InvocationStatus} does not compile until it has a {@link CallStatus}. Loaded only in embedded mode, where
 * the runtime is on the class path.
 */
final class RuntimeStatuses {

	private RuntimeStatuses() {
	}

	/**
	 * The caller's view of an outcome.
	 * @param status the runtime's outcome
	 * @return why the call failed, {@code null} for {@link InvocationStatus#OK}
	 */
	static @Nullable CallStatus callStatus(InvocationStatus status) {
		return switch (status) {
			case OK -> null;
			case ACTOR_NOT_FOUND -> CallStatus.ACTOR_NOT_FOUND;
			case ACTION_NOT_FOUND -> CallStatus.ACTION_NOT_FOUND;
			case INVALID_REQUEST -> CallStatus.INVALID_REQUEST;
			case PAYLOAD_TOO_LARGE -> CallStatus.PAYLOAD_TOO_LARGE;
			case REENTRANT_CALL -> CallStatus.REENTRANT_CALL;
			case STATE_CONFLICT -> CallStatus.STATE_CONFLICT;
			case MAILBOX_FULL -> CallStatus.MAILBOX_FULL;
			case ACTION_FAILED -> CallStatus.ACTION_FAILED;
			case NOT_IMPLEMENTED -> CallStatus.NOT_IMPLEMENTED;
			case BAD_HOST_RESPONSE -> CallStatus.BAD_HOST_RESPONSE;
			case UNAVAILABLE -> CallStatus.UNAVAILABLE;
			case DEADLINE_EXCEEDED -> CallStatus.DEADLINE_EXCEEDED;
			case UNAUTHENTICATED -> CallStatus.UNAUTHENTICATED;
			case PERMISSION_DENIED -> CallStatus.PERMISSION_DENIED;
		};
	}

	/**
	 * The caller's view of a failed outcome.
	 * @param status the runtime's outcome, not OK
	 * @return why the call failed
	 */
	static CallStatus failure(InvocationStatus status) {
		CallStatus failure = callStatus(status);
		return (failure != null) ? failure : CallStatus.ACTION_FAILED;
	}

}
