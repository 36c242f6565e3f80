package io.spawn.internal.activator.nats;

import io.spawn.internal.activator.ActivatorDefinition;
import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.ActivatorSourceFactory;
import io.spawn.internal.activator.MessageHandler;

/**
 * Creates the NATS sources ({@code source=nats}).
 */
public final class NatsActivatorSourceFactory implements ActivatorSourceFactory {

	@Override
	public Source kind() {
		return Source.NATS;
	}

	@Override
	public ActivatorSource create(ActivatorDefinition definition, MessageHandler handler, Activator settings) {
		return new NatsActivatorSource(definition, handler, settings.getNats());
	}

}
