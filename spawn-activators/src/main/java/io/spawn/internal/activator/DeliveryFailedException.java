package io.spawn.internal.activator;

import io.spawn.internal.runtime.InvocationStatus;

/**
 * The actor's call for a message did not succeed; the message is not acknowledged and is delivered again.
 */
public final class DeliveryFailedException extends RuntimeException {

	private final InvocationStatus status;

	public DeliveryFailedException(InvocationStatus status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * The call's outcome.
	 * @return the status
	 */
	public InvocationStatus status() {
		return this.status;
	}

}
