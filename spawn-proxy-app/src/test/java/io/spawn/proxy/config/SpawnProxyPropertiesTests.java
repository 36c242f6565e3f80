package io.spawn.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.proxy.config.SpawnProxyDatabaseProperties.DatabaseType;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * Defaults and binding of {@link SpawnProxyProperties}.
 */
class SpawnProxyPropertiesTests {

	@Test
	void defaultsMatchUpstreamAndTheDocumentation() {
		SpawnProxyProperties properties = bind(new MockEnvironment());

		assertThat(properties.getActorSystem()).isEqualTo("spawn-system");
		assertThat(properties.getDataDir()).isEqualTo(Path.of("./data"));
		assertThat(properties.getHttp().getPort()).isEqualTo(9001);
		assertThat(properties.getHttp().getMaxRequestSize()).isEqualTo(DataSize.ofMegabytes(4));
		assertThat(properties.getHost().getHost()).isEqualTo("localhost");
		assertThat(properties.getHost().getPort()).isEqualTo(8090);
		assertThat(properties.getRuntime().getIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.getRuntime().getSnapshotInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getRuntime().getCallTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getRuntime().getMailboxCapacity()).isEqualTo(10_000);
		assertThat(properties.getRuntime().getMaxActivations()).isEqualTo(1_000_000);
		assertThat(properties.getShutdown().getTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getDatabase().getType()).isEqualTo(DatabaseType.H2);
		assertThat(properties.getDatabase().getSecret()).isNull();
		assertThat(properties.getNodeId()).isNull();
		assertThat(properties.getState().getHistoryRetention()).isEqualTo(10);
		assertThat(properties.getState().getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
		assertThat(properties.getState().getEncryption().getKey()).isNull();
		assertThat(properties.getState().getEncryption().getOldKeys()).isEmpty();
		assertThat(properties.getGrpc().isEnabled()).isTrue();
		assertThat(properties.getGrpc().getPort()).isEqualTo(9980);
		assertThat(properties.getGrpc().getDescriptorsDir()).isEqualTo(Path.of("./descriptors"));
	}

	@Test
	void bindsTheContractEndpoints() {
		SpawnProxyProperties properties = bind(new MockEnvironment().withProperty("spawn.proxy.grpc.enabled", "false")
			.withProperty("spawn.proxy.grpc.port", "0")
			.withProperty("spawn.proxy.grpc.descriptors-dir", "/etc/spawn/descriptors"));

		assertThat(properties.getGrpc().isEnabled()).isFalse();
		assertThat(properties.getGrpc().getPort()).isZero();
		assertThat(properties.getGrpc().getDescriptorsDir()).isEqualTo(Path.of("/etc/spawn/descriptors"));
	}

	@Test
	void bindsUnitsAndLowerCaseDatabaseTypes() {
		SpawnProxyProperties properties = bind(new MockEnvironment()
			.withProperty("spawn.proxy.http.max-request-size", "512KB")
			.withProperty("spawn.proxy.runtime.call-timeout", "1500ms")
			.withProperty("spawn.proxy.database.type", "postgres")
			.withProperty("spawn.proxy.data-dir", "/var/lib/spawn")
			.withProperty("spawn.proxy.state.encryption.old-keys", "a,b"));

		assertThat(properties.getHttp().getMaxRequestSize()).isEqualTo(DataSize.ofKilobytes(512));
		assertThat(properties.getRuntime().getCallTimeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(properties.getDatabase().getType()).isEqualTo(DatabaseType.POSTGRES);
		assertThat(properties.getDataDir()).isEqualTo(Path.of("/var/lib/spawn"));
		assertThat(properties.getState().getEncryption().getOldKeys()).containsExactly("a", "b");
	}

	private static SpawnProxyProperties bind(MockEnvironment environment) {
		return Binder.get(environment).bindOrCreate("spawn.proxy", SpawnProxyProperties.class);
	}

}
