package io.spawn.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.host.ActorHost;
import io.spawn.internal.host.HostException;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.time.RuntimeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runtime's wiring: properties reach its settings, and invalid values stop startup naming the key. The state
 * ports come from the test, so that these tests do not depend on which store {@link StatePersistenceConfiguration}
 * provides.
 */
class RuntimeConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PortsConfiguration.class, RuntimeConfiguration.class);

	@Test
	void propertiesReachTheRuntimeSettings() {
		this.contextRunner
			.withPropertyValues("spawn.proxy.runtime.idle-timeout=5m", "spawn.proxy.runtime.snapshot-interval=250ms",
					"spawn.proxy.runtime.call-timeout=7s", "spawn.proxy.runtime.mailbox-capacity=42",
					"spawn.proxy.runtime.max-activations=1000", "spawn.proxy.runtime.max-pool-size=3")
			.run((context) -> {
				assertThat(context).hasSingleBean(ActorRuntime.class);
				assertThat(context.getBean(RuntimeSettings.class)).isEqualTo(new RuntimeSettings(Duration.ofMinutes(5),
						Duration.ofMillis(250), Duration.ofSeconds(7), 42, 1000, 3));
			});
	}

	@Test
	void anInvalidSettingStopsStartupNamingTheKey() {
		this.contextRunner.withPropertyValues("spawn.proxy.runtime.mailbox-capacity=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidProxyConfigurationException.class)
				.hasMessageContaining("spawn.proxy.runtime.mailbox-capacity");
		});
	}

	@Test
	void theRuntimeRunsOnTheStatePortsItIsGiven() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ActorRuntime.class);
			assertThat(context.getBean(ActorStateStore.class)).isSameAs(PortsConfiguration.STORE);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SpawnProxyProperties.class)
	static class PortsConfiguration {

		static final InMemoryActorStateStore STORE = new InMemoryActorStateStore();

		@Bean
		ActorStateStore actorStateStore() {
			return STORE;
		}

		@Bean
		InvocationScheduler invocationScheduler(RuntimeClock clock) {
			return new InMemoryInvocationScheduler(clock);
		}

		@Bean
		ActorHost actorHost() {
			return (invocation, timeout) -> {
				throw new HostException(HostException.Reason.UNAVAILABLE, "no host in this test");
			};
		}

	}

}
