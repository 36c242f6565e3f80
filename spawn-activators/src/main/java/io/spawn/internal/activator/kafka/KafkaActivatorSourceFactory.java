package io.spawn.internal.activator.kafka;

import io.spawn.internal.activator.ActivatorDefinition;
import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.ActivatorSourceFactory;
import io.spawn.internal.activator.MessageHandler;

/**
 * Creates the Kafka sources ({@code source=kafka}).
 */
public final class KafkaActivatorSourceFactory implements ActivatorSourceFactory {

	@Override
	public Source kind() {
		return Source.KAFKA;
	}

	@Override
	public ActivatorSource create(ActivatorDefinition definition, MessageHandler handler, Activator settings) {
		return new KafkaActivatorSource(definition, handler, settings.getKafka());
	}

}
