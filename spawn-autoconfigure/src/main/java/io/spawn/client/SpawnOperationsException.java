package io.spawn.client;

/**
 * Why an operation of {@link SpawnOperations} could not answer, with a message an operator can act on.
 */
public class SpawnOperationsException extends RuntimeException {

	private final Reason reason;

	public SpawnOperationsException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason getReason() {
		return this.reason;
	}

	/** What went wrong. */
	public enum Reason {

		/** The actor, revision or schedule is unknown. */
		NOT_FOUND,

		/** A parameter is malformed or out of its bounds. */
		INVALID,

		/** The actor refused the write. */
		CONFLICT,

		/** The store, or the member running the actor, did not answer. */
		UNAVAILABLE

	}

}
