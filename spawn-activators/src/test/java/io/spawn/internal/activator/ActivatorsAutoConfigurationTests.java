package io.spawn.internal.activator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.runtime.ActorRuntime;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The auto-configuration: present with a runtime, absent without one, each source kind only with its client, and
 * a wrong activator stops the application at startup.
 */
class ActivatorsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ActivatorsAutoConfiguration.class));

	@Test
	void backsOffWithoutARuntime() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(Activators.class));
	}

	@Test
	void configuresTheActivatorsOfTheRuntime() {
		this.runner.withUserConfiguration(RuntimeConfiguration.class)
			.withPropertyValues("spawn.activators.orders.source=kafka", "spawn.activators.orders.system=shop",
					"spawn.activators.orders.actor=ledger", "spawn.activators.orders.action=record",
					"spawn.activators.orders.kafka.topic=orders")
			.run((context) -> {
				assertThat(context).hasSingleBean(Activators.class);
				assertThat(context.getBeansOfType(ActivatorSourceFactory.class).values())
					.extracting(ActivatorSourceFactory::kind)
					.containsExactlyInAnyOrder(ActivatorProperties.Source.values());
				assertThat(context.getBean(Activators.class).definitions()).extracting(ActivatorDefinition::name)
					.containsExactly("orders");
			});
	}

	@Test
	void failsAtStartupForAWrongActivator() {
		this.runner.withUserConfiguration(RuntimeConfiguration.class)
			.withPropertyValues("spawn.activators.orders.source=kafka", "spawn.activators.orders.system=shop",
					"spawn.activators.orders.actor=ledger", "spawn.activators.orders.action=record")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(ActivatorConfigurationException.class)
				.hasMessageContaining("spawn.activators.orders.kafka.topic is required"));
	}

	@Test
	void refusesAKafkaActivatorWithoutSpringKafka() {
		this.runner.withUserConfiguration(RuntimeConfiguration.class)
			.withClassLoader(new FilteredClassLoader(ConcurrentMessageListenerContainer.class))
			.withPropertyValues("spawn.activators.orders.source=kafka", "spawn.activators.orders.system=shop",
					"spawn.activators.orders.actor=ledger", "spawn.activators.orders.action=record",
					"spawn.activators.orders.kafka.topic=orders")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("spawn.activators.orders.source is kafka, whose client is not on the classpath"));
	}

	@Test
	void aUserBeanReplacesTheActivators() {
		this.runner.withUserConfiguration(RuntimeConfiguration.class, UserActivators.class)
			.run((context) -> assertThat(context).getBean(Activators.class)
				.isSameAs(context.getBean(UserActivators.class).activators));
	}

	@Configuration(proxyBeanMethods = false)
	static class RuntimeConfiguration {

		@Bean(destroyMethod = "close")
		LedgerRuntime ledgerRuntime() {
			return new LedgerRuntime();
		}

		@Bean
		ActorRuntime actorRuntime(LedgerRuntime ledger) {
			return ledger.runtime;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserActivators {

		final Activators activators;

		UserActivators(ActorRuntime runtime) {
			this.activators = new Activators(runtime, new ActivatorProperties(), java.util.List.of());
		}

		@Bean
		Activators userActivators() {
			return this.activators;
		}

	}

}
