package io.spawn.client;

import org.jspecify.annotations.Nullable;

/**
 * A call that failed: the actor or action does not exist, the action failed (with the code the actor gave in
 * {@code Effect.error}), the deadline passed, or the runtime could not take the call.
 */
public class ActorCallException extends RuntimeException {

	private final CallStatus status;

	private final @Nullable String errorCode;

	public ActorCallException(CallStatus status, String message, @Nullable String errorCode) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}

	public CallStatus status() {
		return this.status;
	}

	/**
	 * The code an actor failed with through {@code Effect.error(code, message)}, if any.
	 * @return the code
	 */
	public @Nullable String errorCode() {
		return this.errorCode;
	}

}
