package io.spawn.proxy.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.proxy.config.SpawnProxyProperties;
import io.spawn.proxy.metrics.ActorCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

/**
 * The contract endpoints are wired from {@code spawn.proxy.grpc.*} and switched off by it.
 */
class GrpcConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(GrpcConfiguration.class)
		.withBean(ActorRuntime.class, () -> mock(ActorRuntime.class))
		.withBean(ActorCatalog.class, ActorCatalog::new)
		.withBean(SpawnProxyProperties.class, () -> {
			SpawnProxyProperties properties = new SpawnProxyProperties();
			properties.getGrpc().setPort(0);
			properties.getGrpc().setDescriptorsDir(Path.of("target", "test-descriptors"));
			return properties;
		});

	@Test
	void servesTheContractsOfTheDescriptorsDirectory() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ContractRegistrationCustomizer.class).hasSingleBean(RouterFunction.class);
			assertThat(context.getBean(ActorContracts.class).actors()).hasSize(2);
			GrpcServerLifecycle server = context.getBean(GrpcServerLifecycle.class);
			assertThat(server.isRunning()).isTrue();
			assertThat(server.port()).isPositive();
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("spawn.proxy.grpc.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(GrpcServerLifecycle.class)
				.doesNotHaveBean(ActorContracts.class)
				.doesNotHaveBean(RouterFunction.class);
		});
	}

	@Test
	void aPortOutOfRangeStopsStartupNamingTheKey() {
		this.contextRunner.withBean("badPort", SpawnProxyProperties.class, () -> {
			SpawnProxyProperties properties = new SpawnProxyProperties();
			properties.getGrpc().setPort(70_000);
			return properties;
		}, (definition) -> definition.setPrimary(true)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("spawn.proxy.grpc.port");
		});
	}

}
