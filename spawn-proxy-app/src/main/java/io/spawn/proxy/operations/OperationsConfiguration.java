package io.spawn.proxy.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.operations.ActorOperations;
import io.spawn.internal.operations.MessageTypes;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.jpa.PersistenceSettings;
import io.spawn.proxy.config.InvalidProxyConfigurationException;
import io.spawn.proxy.config.SpawnProxyProperties;
import io.spawn.proxy.lifecycle.RegisteredSystems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operations API (issue 18, ADR 0027): the service over the runtime's store and scheduler, and its three
 * actuator endpoints. Off with {@code spawn.proxy.operations.enabled=false}; served where actuator exposes
 * {@code spawnactors}, {@code spawntimers} and {@code spawnoverview}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "spawn.proxy.operations.enabled", matchIfMissing = true)
class OperationsConfiguration {

	@Bean
	ActorOperations actorOperations(ActorStateStore store, InvocationScheduler scheduler, ActorRuntime runtime,
			ObjectProvider<MessageTypes> types, SpawnProxyProperties properties) {
		java.time.Duration timeout = properties.getOperations().getWriteTimeout();
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.operations.write-timeout must be a positive duration, was " + timeout,
					"Set spawn.proxy.operations.write-timeout to a positive duration such as 10s.");
		}
		return new ActorOperations(store, scheduler, runtime, types.getIfAvailable(() -> MessageTypes.NONE), timeout);
	}

	@Bean
	OperationsAccess operationsAccess(SpawnProxyProperties properties) {
		return OperationsAccess.detect(properties.getOperations().isWriteEnabled());
	}

	@Bean
	SpawnActorsEndpoint spawnActorsEndpoint(ActorOperations operations, OperationsAccess access) {
		return new SpawnActorsEndpoint(operations, access);
	}

	@Bean
	SpawnTimersEndpoint spawnTimersEndpoint(ActorOperations operations, OperationsAccess access) {
		return new SpawnTimersEndpoint(operations, access);
	}

	@Bean
	SpawnOverviewEndpoint spawnOverviewEndpoint(ActorRuntime runtime, MeterRegistry registry,
			RegisteredSystems systems, ObjectProvider<ClusterMember> cluster,
			ObjectProvider<PersistenceSettings> persistence, ObjectProvider<HealthEndpoint> health,
			OperationsAccess access) {
		return new SpawnOverviewEndpoint(runtime, registry, systems, cluster.getIfAvailable(), () -> {
			PersistenceSettings settings = persistence.getIfAvailable();
			return (settings != null) ? settings.nodeId() : "this proxy";
		}, () -> {
			HealthEndpoint endpoint = health.getIfAvailable();
			HealthDescriptor descriptor = (endpoint != null) ? endpoint.health() : null;
			return (descriptor != null) ? descriptor.getStatus().getCode() : null;
		}, access);
	}

}
