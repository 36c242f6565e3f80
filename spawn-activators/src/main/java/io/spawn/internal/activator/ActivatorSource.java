package io.spawn.internal.activator;

/**
 * A running source of one activator: a listener container, a cron schedule. Started once the activator's actor
 * system is registered, stopped before the runtime drains.
 */
public interface ActivatorSource {

	/** Starts delivering; called again after a re-registration, where it does nothing. */
	void start();

	/** Stops delivering, after the message in flight (if any) is done. */
	void stop();

}
