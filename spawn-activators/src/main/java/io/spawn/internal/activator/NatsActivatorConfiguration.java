package io.spawn.internal.activator;

import io.nats.client.JetStream;
import io.spawn.internal.activator.nats.NatsActivatorSourceFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The NATS JetStream source, when the official NATS client is on the classpath.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(JetStream.class)
class NatsActivatorConfiguration {

	@Bean
	NatsActivatorSourceFactory spawnNatsActivatorSourceFactory() {
		return new NatsActivatorSourceFactory();
	}

}
