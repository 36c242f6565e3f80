package io.spawn.internal.activator;

/**
 * A message cannot become a call (no actor id, a body that is not the configured payload). Redelivering it cannot
 * help, so it goes to the dead letter at once.
 */
public final class MalformedMessageException extends RuntimeException {

	public MalformedMessageException(String message) {
		super(message);
	}

	public MalformedMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
