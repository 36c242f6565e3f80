package io.spawn.autoconfigure;

import io.spawn.internal.runtime.ActorRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support: a {@code spawn} health indicator (embedded runtime running, or registered with the sidecar
 * proxy) and a {@code spawn} endpoint listing the application's actors.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.HealthIndicator",
		"org.springframework.boot.actuate.endpoint.annotation.Endpoint" })
class SpawnActuatorConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "spawnHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("spawn")
	HealthIndicator spawnHealthIndicator(SpawnProperties properties, ObjectProvider<ActorRuntime> runtime,
			ObjectProvider<SpawnSidecarLifecycle> sidecar, ObjectProvider<EmbeddedStatePersistence> persistence) {
		return () -> {
			SpawnSidecarLifecycle registration = sidecar.getIfAvailable();
			if (registration != null) {
				Health.Builder health = registration.isRegistered() ? Health.up() : Health.down();
				return health.withDetail("mode", "sidecar")
					.withDetail("proxy", properties.getSidecar().getProxyUrl().toString())
					.withDetail("registered", registration.isRegistered())
					.build();
			}
			ActorRuntime embedded = runtime.getIfAvailable();
			if (embedded == null) {
				return Health.unknown().build();
			}
			EmbeddedStatePersistence state = persistence.getIfAvailable();
			return (embedded.isDraining() ? Health.outOfService() : Health.up()).withDetail("mode", "embedded")
				.withDetail("activeActors", embedded.activeActors())
				.withDetail("queuedCalls", embedded.queuedCalls())
				.withDetail("durableState", state != null && state.durable())
				.build();
		};
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnExpression(
			"'${spawn.embedded.cluster.discovery:none}'.toLowerCase() != 'none'")
	@ConditionalOnAvailableEndpoint
	SpawnClusterEndpoint spawnClusterEndpoint(io.spawn.internal.cluster.ClusterMember member, ActorRuntime runtime) {
		return new SpawnClusterEndpoint(member, runtime);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	SpawnActorsEndpoint spawnActorsEndpoint(SpawnActors actors, SpawnProperties properties) {
		return new SpawnActorsEndpoint(actors, properties);
	}

}
