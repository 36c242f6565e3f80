package io.spawn.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.protocol.auth.BearerToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * spawn.sidecar.token and token-file reach the token the client sends and the host endpoint requires; unset keeps
 * today's behaviour; both set, or an empty file, stop the application with the key named.
 */
class SidecarTokenConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
		.withUserConfiguration(CounterActor.class)
		.withPropertyValues("spawn.mode=sidecar", "spawn.sidecar.host-port=0",
				"spawn.sidecar.proxy-url=http://127.0.0.1:9", "spawn.sidecar.reregistration-interval=0");

	@TempDir
	Path dir;

	@Test
	void noTokenByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BearerToken.class));
	}

	@Test
	void anEmptyTokenCountsAsUnset() {
		this.contextRunner.withPropertyValues("spawn.sidecar.token=")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BearerToken.class));
	}

	@Test
	void theTokenPropertyReachesTheToken() {
		this.contextRunner.withPropertyValues("spawn.sidecar.token=app-secret")
			.run((context) -> assertThat(context.getBean(BearerToken.class).header()).isEqualTo("Bearer app-secret"));
	}

	@Test
	void theTokenFileReachesTheToken() throws IOException {
		Path file = Files.writeString(this.dir.resolve("token"), "from-file\n");

		this.contextRunner.withPropertyValues("spawn.sidecar.token-file=" + file)
			.run((context) -> assertThat(context.getBean(BearerToken.class).value()).isEqualTo("from-file"));
	}

	@Test
	void bothSetStopTheApplication() {
		this.contextRunner.withPropertyValues("spawn.sidecar.token=a", "spawn.sidecar.token-file=" + this.dir)
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("both set"));
	}

	@Test
	void anEmptyTokenFileStopsTheApplicationNamingTheKey() throws IOException {
		Path file = Files.writeString(this.dir.resolve("empty"), "\n");

		this.contextRunner.withPropertyValues("spawn.sidecar.token-file=" + file)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("spawn.sidecar.token-file holds no usable token"));
	}

}
