package io.spawn.internal.activator;

import io.spawn.internal.activator.cron.CronActivatorSourceFactory;
import io.spawn.internal.runtime.ActorRuntime;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Activators ({@code spawn.activators.*}) for whichever actor runtime the application runs: the proxy's, or the
 * starter's embedded one. Each source kind is configured when its broker client is on the classpath.
 */
@AutoConfiguration(afterName = "io.spawn.autoconfigure.SpawnAutoConfiguration")
@ConditionalOnClass(ActorRuntime.class)
@ConditionalOnBean(ActorRuntime.class)
@EnableConfigurationProperties(ActivatorProperties.class)
@Import({ KafkaActivatorConfiguration.class, RabbitActivatorConfiguration.class, NatsActivatorConfiguration.class })
public final class ActivatorsAutoConfiguration {

	@Bean
	CronActivatorSourceFactory spawnCronActivatorSourceFactory(ActorRuntime runtime) {
		return new CronActivatorSourceFactory(runtime, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	Activators spawnActivators(ActorRuntime runtime, ActivatorProperties properties,
			ObjectProvider<ActivatorSourceFactory> factories) {
		return new Activators(runtime, properties, factories.orderedStream().toList());
	}

}
