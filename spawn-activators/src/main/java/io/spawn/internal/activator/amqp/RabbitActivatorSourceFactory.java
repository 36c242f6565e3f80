package io.spawn.internal.activator.amqp;

import io.spawn.internal.activator.ActivatorInvoker;
import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.ActivatorSourceFactory;

/**
 * Creates the RabbitMQ sources ({@code source=rabbitmq}).
 */
public final class RabbitActivatorSourceFactory implements ActivatorSourceFactory {

	@Override
	public Source kind() {
		return Source.RABBITMQ;
	}

	@Override
	public ActivatorSource create(ActivatorInvoker invoker, Activator settings) {
		return new RabbitActivatorSource(invoker, settings.getRabbitmq());
	}

}
