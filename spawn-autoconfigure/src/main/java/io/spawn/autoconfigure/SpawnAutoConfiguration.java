package io.spawn.autoconfigure;

import io.spawn.client.SpawnClient;
import io.spawn.internal.model.ActorInvoker;
import io.spawn.internal.model.DefaultSpawnClient;
import io.spawn.internal.model.PayloadCodec;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of Spawn: actor models from {@code @Actor} beans, {@code ActorRefs<X>} beans for callers,
 * and the runtime the calls go to (embedded by default).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "spawn.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SpawnProperties.class)
@Import({ EmbeddedModeConfiguration.class, EmbeddedRuntimeMissingConfiguration.class, SidecarModeConfiguration.class,
		SpawnActuatorConfiguration.class, SpawnRestConfiguration.class, SpawnOpenApiConfiguration.class })
public final class SpawnAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PayloadCodec spawnPayloadCodec(ObjectProvider<ObjectMapper> objectMapper) {
		return new PayloadCodec(objectMapper.getIfAvailable(() -> JsonMapper.builder().findAndAddModules().build()));
	}

	@Bean
	static ActorRefsRegistrar spawnActorRefsRegistrar() {
		return new ActorRefsRegistrar();
	}

	@Bean
	static ActorClientsRegistrar spawnActorClientsRegistrar() {
		return new ActorClientsRegistrar();
	}

	@Bean
	@ConditionalOnMissingBean
	io.spawn.internal.model.ActorClientFactory spawnActorClientFactory(ActorInvoker invoker, PayloadCodec codec,
			SpawnProperties properties) {
		return new io.spawn.internal.model.ActorClientFactory(invoker, codec, properties.getSystem());
	}

	@Bean
	@ConditionalOnMissingBean
	SpawnActors spawnActors(ListableBeanFactory beanFactory, SpawnProperties properties, PayloadCodec codec) {
		return new SpawnActors(beanFactory, properties, codec);
	}

	@Bean
	@ConditionalOnMissingBean(SpawnClient.class)
	DefaultSpawnClient spawnClient(SpawnProperties properties, SpawnActors actors, ActorInvoker invoker,
			PayloadCodec codec, ObjectProvider<io.spawn.internal.time.RuntimeClock> clock) {
		io.spawn.internal.time.RuntimeClock runtimeClock = clock.getIfAvailable();
		return new DefaultSpawnClient(properties.getSystem(), actors::models, invoker, codec,
				(runtimeClock != null) ? runtimeClock::millis : System::currentTimeMillis);
	}

}
