package io.spawn.internal.runtime;

/**
 * A call or registration that failed, with the status it maps to and a message a user can act on.
 */
public class SpawnException extends RuntimeException {

	private final InvocationStatus status;

	public SpawnException(InvocationStatus status, String message) {
		super(message);
		this.status = status;
	}

	public SpawnException(InvocationStatus status, String message, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	public InvocationStatus status() {
		return this.status;
	}

}
