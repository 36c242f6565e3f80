package io.spawn.internal.activator;

/**
 * An activator's configuration is wrong; the message names the property and what to set. Thrown at startup.
 */
public final class ActivatorConfigurationException extends RuntimeException {

	public ActivatorConfigurationException(String message) {
		super(message);
	}

}
