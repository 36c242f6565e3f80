package io.spawn.internal.operations;

/**
 * Why an operation could not answer, with a message an operator can act on.
 */
public final class OperationsException extends RuntimeException {

	private final Reason reason;

	public OperationsException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public OperationsException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * What went wrong, as an HTTP face maps it: 404, 400, 409 and 503.
	 */
	public enum Reason {

		/** The actor, revision or schedule is unknown. */
		NOT_FOUND,

		/** A parameter is malformed or out of its bounds. */
		INVALID,

		/** The actor refused the write (it keeps no state, or its state changed meanwhile). */
		CONFLICT,

		/** The store or the actor's member could not be reached, or did not answer in time. */
		UNAVAILABLE

	}

}
