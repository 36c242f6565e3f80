package io.spawn.internal.activator.amqp;

import io.spawn.internal.activator.ActivatorDefinition;
import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.ActivatorSourceFactory;
import io.spawn.internal.activator.MessageHandler;

/**
 * Creates the RabbitMQ sources ({@code source=rabbitmq}).
 */
public final class RabbitActivatorSourceFactory implements ActivatorSourceFactory {

	@Override
	public Source kind() {
		return Source.RABBITMQ;
	}

	@Override
	public ActivatorSource create(ActivatorDefinition definition, MessageHandler handler, Activator settings) {
		return new RabbitActivatorSource(definition, handler, settings.getRabbitmq());
	}

}
