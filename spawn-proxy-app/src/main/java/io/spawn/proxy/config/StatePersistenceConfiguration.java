package io.spawn.proxy.config;

import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.time.RuntimeClock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where actor state and scheduled calls are kept: the only place the rest of the proxy learns which
 * {@link ActorStateStore} and {@link InvocationScheduler} it runs on. Everything else depends on these two
 * interfaces alone.
 *
 * <p>
 * For now both are in memory, so state and delayed calls last as long as the process. The durable JPA/Flyway
 * implementations of spawn-proxy-core plug in here, built on the DataSource of {@link DataSourceConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
final class StatePersistenceConfiguration {

	@Bean
	@ConditionalOnMissingBean(ActorStateStore.class)
	InMemoryActorStateStore actorStateStore() {
		return new InMemoryActorStateStore();
	}

	@Bean
	@ConditionalOnMissingBean(InvocationScheduler.class)
	InMemoryInvocationScheduler invocationScheduler(RuntimeClock clock) {
		return new InMemoryInvocationScheduler(clock);
	}

}
