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
	 * Creates a source that calls the activator's actor for each message.
	 * @param invoker calls the activator's actor
	 * @param settings the activator's properties, for the settings of this kind
	 * @return the source, not started
	 * @throws ActivatorConfigurationException when the settings are wrong
	 */
	default ActivatorSource create(ActivatorInvoker invoker, Activator settings) {
		return create(invoker.definition(), invoker::deliver, settings);
	}

	/**
	 * Creates a source that hands each message to {@code handler}.
	 * @param definition the activator
	 * @param handler takes each message
	 * @param settings the activator's properties, for the settings of this kind
	 * @return the source, not started
	 * @throws ActivatorConfigurationException when the settings are wrong
	 */
	ActivatorSource create(ActivatorDefinition definition, MessageHandler handler, Activator settings);

}
