package io.spawn.internal.host;

/**
 * A host call that did not produce an answer. The {@link Reason} decides the status the caller sees.
 */
public class HostException extends RuntimeException {

	private final Reason reason;

	public HostException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public HostException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * Why a host call failed.
	 */
	public enum Reason {

		/** The user's action threw; the message is the host's. */
		ACTION_FAILED,

		/** The host could not be reached. */
		UNAVAILABLE,

		/** The host did not answer in time. */
		TIMEOUT,

		/** The host answered something that is not a valid ActorInvocationResponse. */
		BAD_RESPONSE

	}

}
