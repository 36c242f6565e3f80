package io.spawn.internal.cluster;

/**
 * A cluster setting that keeps this member from joining, with what to change.
 */
public class ClusterConfigurationException extends RuntimeException {

	private final String action;

	public ClusterConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	public ClusterConfigurationException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	/**
	 * What to change so that the member can join.
	 * @return the advice
	 */
	public String action() {
		return this.action;
	}

}
