package io.spawn.internal.activator;

import io.spawn.internal.activator.amqp.RabbitActivatorSourceFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RabbitMQ source, when Spring AMQP's RabbitMQ support is on the classpath.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SimpleMessageListenerContainer.class)
class RabbitActivatorConfiguration {

	@Bean
	RabbitActivatorSourceFactory spawnRabbitActivatorSourceFactory() {
		return new RabbitActivatorSourceFactory();
	}

}
