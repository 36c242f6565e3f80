package io.spawn.internal.activator.kafka;

import io.spawn.internal.activator.ActivatorInvoker;
import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.ActivatorSourceFactory;

/**
 * Creates the Kafka sources ({@code source=kafka}).
 */
public final class KafkaActivatorSourceFactory implements ActivatorSourceFactory {

	@Override
	public Source kind() {
		return Source.KAFKA;
	}

	@Override
	public ActivatorSource create(ActivatorInvoker invoker, Activator settings) {
		return new KafkaActivatorSource(invoker, settings.getKafka());
	}

}
