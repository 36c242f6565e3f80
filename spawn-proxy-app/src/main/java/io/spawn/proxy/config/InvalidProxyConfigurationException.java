package io.spawn.proxy.config;

/**
 * The proxy's configuration is unusable; the proxy refuses to start. The message names the keys involved, and
 * {@link #action()} says how to fix it.
 */
public class InvalidProxyConfigurationException extends RuntimeException {

	private final String action;

	public InvalidProxyConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * What the operator should change.
	 * @return the advice
	 */
	public String action() {
		return this.action;
	}

}
