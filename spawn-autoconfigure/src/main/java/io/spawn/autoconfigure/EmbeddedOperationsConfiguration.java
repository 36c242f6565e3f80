package io.spawn.autoconfigure;

import io.spawn.client.SpawnOperations;
import io.spawn.internal.operations.ActorOperations;
import io.spawn.internal.operations.MessageTypes;
import io.spawn.internal.runtime.ActorRuntime;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operations API of embedded mode ({@link SpawnOperations}), over the embedded runtime's store and scheduler.
 * Protobuf states other than the well-known types are shown as bytes: embedded mode keeps no registry of message
 * types; JSON states, what actors written with the starter keep, are shown as stored.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedOperationsConfiguration {

	@Bean
	@ConditionalOnMissingBean(SpawnOperations.class)
	EmbeddedSpawnOperations spawnOperations(ActorRuntime runtime, EmbeddedStatePersistence persistence,
			SpawnProperties properties) {
		return new EmbeddedSpawnOperations(new ActorOperations(persistence.stateStore(), persistence.scheduler(),
				runtime, MessageTypes.NONE, properties.getEmbedded().getRuntime().getCallTimeout()));
	}

}
