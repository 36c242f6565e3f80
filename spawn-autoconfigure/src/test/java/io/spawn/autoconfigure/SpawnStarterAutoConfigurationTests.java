package io.spawn.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.client.SpawnClient;
import io.spawn.internal.model.ActorInvoker;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.sidecar.ProxyClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

/**
 * The starter's auto-configuration on the model of Spring Boot's own tests: what backs off without the optional
 * runtime, what sidecar mode builds from properties, and what a user's bean replaces.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpawnStarterAutoConfigurationTests {

	/** Everything {@code spawn-proxy-core} holds, hidden as when the application does not depend on it. */
	private static final FilteredClassLoader WITHOUT_RUNTIME = new FilteredClassLoader("io.spawn.internal.runtime.",
			"io.spawn.internal.host.", "io.spawn.internal.state.", "io.spawn.internal.schedule.",
			"io.spawn.internal.time.");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
		.withUserConfiguration(CounterActor.class);

	@Test
	void embeddedModeWithoutTheRuntimeFailsWithAnAnalysisThatSaysWhatToDo() {
		this.contextRunner.withClassLoader(WITHOUT_RUNTIME).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new EmbeddedRuntimeMissingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("spawn.mode is embedded")
				.contains("io.spawn:spawn-proxy-core");
			assertThat(analysis.getAction()).contains("add spawn-proxy-core or set spawn.mode=sidecar");
		});
	}

	@Test
	void anApplicationStartedWithoutTheRuntimeReportsTheAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.resourceLoader(new DefaultResourceLoader(WITHOUT_RUNTIME))
			.build();

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("add spawn-proxy-core or set spawn.mode=sidecar")
			.doesNotContain("NoSuchBeanDefinitionException");
	}

	@Test
	void sidecarModeRunsWithoutTheRuntimeAndEmbeddedModeBacksOff() {
		this.contextRunner.withClassLoader(WITHOUT_RUNTIME)
			.withPropertyValues("spawn.mode=sidecar", "spawn.sidecar.host-port=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ProxyClient.class)
					.hasSingleBean(SpawnClient.class)
					.hasSingleBean(SpawnProxyConnectionDetails.class)
					.doesNotHaveBean("spawnActorRuntime");
			});
	}

	@Test
	void sidecarModeBuildsItsBeansFromProperties() {
		this.contextRunner
			.withPropertyValues("spawn.mode=sidecar", "spawn.sidecar.proxy-url=http://proxy.internal:9101",
					"spawn.sidecar.host-port=0")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ActorRuntime.class);
				assertThat(context.getBean(SpawnProxyConnectionDetails.class).proxyUri())
					.isEqualTo(URI.create("http://proxy.internal:9101"));
				assertThat(context.getBean(ActorInvoker.class)).isSameAs(context.getBean(ProxyClient.class));
				assertThat(context.getBean(ProxyClient.class)).hasFieldOrPropertyWithValue("proxy",
						URI.create("http://proxy.internal:9101"));
			});
	}

	@Test
	void aUsersConnectionDetailsReplaceTheProperties() {
		this.contextRunner.withUserConfiguration(UserConnectionDetails.class)
			.withPropertyValues("spawn.mode=sidecar", "spawn.sidecar.proxy-url=http://ignored:1",
					"spawn.sidecar.host-port=0")
			.run((context) -> {
				assertThat(context).hasSingleBean(SpawnProxyConnectionDetails.class);
				assertThat(context.getBean(SpawnProxyConnectionDetails.class).proxyUri())
					.isEqualTo(URI.create("http://from-service-discovery:9001"));
				assertThat(context.getBean(ProxyClient.class)).hasFieldOrPropertyWithValue("proxy",
						URI.create("http://from-service-discovery:9001"));
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("spawn.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SpawnClient.class)
				.doesNotHaveBean(ActorRuntime.class)
				.doesNotHaveBean(ActorInvoker.class));
	}

	@Test
	void sidecarPropertiesBindWithTheirDefaults() {
		SpawnProperties properties = Binder.get(new MockEnvironment().withProperty("spawn.mode", "sidecar"))
			.bindOrCreate("spawn", SpawnProperties.class);

		assertThat(properties.getMode()).isEqualTo(SpawnProperties.Mode.SIDECAR);
		assertThat(properties.getSidecar().getProxyUrl()).isEqualTo(URI.create("http://localhost:9001"));
		assertThat(properties.getSidecar().getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getSidecar().getCallTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(CounterActor.class)
	static class App {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConnectionDetails {

		@Bean
		SpawnProxyConnectionDetails userProxyConnectionDetails() {
			return () -> URI.create("http://from-service-discovery:9001");
		}

	}

}
