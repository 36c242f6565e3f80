package io.spawn.internal.activator;

import io.spawn.internal.activator.kafka.KafkaActivatorSourceFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The Kafka source, when Spring for Apache Kafka is on the classpath.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ConcurrentMessageListenerContainer.class)
class KafkaActivatorConfiguration {

	@Bean
	KafkaActivatorSourceFactory spawnKafkaActivatorSourceFactory() {
		return new KafkaActivatorSourceFactory();
	}

}
