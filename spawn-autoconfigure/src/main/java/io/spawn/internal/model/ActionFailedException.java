package io.spawn.internal.model;

/**
 * An action that did not complete: the user's method threw, returned {@code Effect.error}, or its payload did not
 * fit. The message is what the caller sees.
 */
public class ActionFailedException extends RuntimeException {

	public ActionFailedException(String message) {
		super(message);
	}

	public ActionFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
