package io.spawn.internal.activator;

import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;

/**
 * Creates the sources of one kind; one bean per kind whose broker client is on the classpath.
 */
public interface ActivatorSourceFactory {

	/**
	 * The kind this factory creates.
	 * @return the kind
	 */
	Source kind();

	/**
	 * Creates a source; checks its settings and throws for a wrong one.
	 * @param invoker calls the activator's actor for each message
	 * @param settings the activator's properties, for the settings of this kind
	 * @return the source, not started
	 * @throws ActivatorConfigurationException when the settings are wrong
	 */
	ActivatorSource create(ActivatorInvoker invoker, Activator settings);

}
