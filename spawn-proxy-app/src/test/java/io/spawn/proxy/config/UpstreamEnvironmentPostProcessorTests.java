package io.spawn.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.proxy.config.SpawnProxyDatabaseProperties.DatabaseType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * The upstream environment variables as aliases of {@code spawn.proxy.*} keys.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamEnvironmentPostProcessorTests {

	private final DeferredLogs logs = new DeferredLogs();

	private final UpstreamEnvironmentPostProcessor processor = new UpstreamEnvironmentPostProcessor(this.logs);

	@Test
	void mapsEveryUpstreamVariableOntoItsKey() {
		MockEnvironment environment = new MockEnvironment().withProperty("PROXY_ACTOR_SYSTEM_NAME", "orders")
			.withProperty("PROXY_HTTP_PORT", "9101")
			.withProperty("USER_FUNCTION_HOST", "app.internal")
			.withProperty("USER_FUNCTION_PORT", "8091")
			.withProperty("PROXY_DATABASE_TYPE", "postgres")
			.withProperty("PROXY_DATABASE_HOST", "db.internal")
			.withProperty("PROXY_DATABASE_PORT", "5433")
			.withProperty("PROXY_DATABASE_NAME", "spawn_orders")
			.withProperty("PROXY_DATABASE_USERNAME", "orders")
			.withProperty("PROXY_DATABASE_SECRET", "s3cret")
			.withProperty("SPAWN_STATESTORE_KEY", "a2V5");

		SpawnProxyProperties properties = process(environment);

		assertThat(properties.getActorSystem()).isEqualTo("orders");
		assertThat(properties.getHttp().getPort()).isEqualTo(9101);
		assertThat(properties.getHost().getHost()).isEqualTo("app.internal");
		assertThat(properties.getHost().getPort()).isEqualTo(8091);
		assertThat(properties.getDatabase().getType()).isEqualTo(DatabaseType.POSTGRES);
		assertThat(properties.getDatabase().getHost()).isEqualTo("db.internal");
		assertThat(properties.getDatabase().getPort()).isEqualTo(5433);
		assertThat(properties.getDatabase().getName()).isEqualTo("spawn_orders");
		assertThat(properties.getDatabase().getUsername()).isEqualTo("orders");
		assertThat(properties.getDatabase().getSecret()).isEqualTo("s3cret");
		assertThat(properties.getState().getEncryption().getKey()).isEqualTo("a2V5");
	}

	@Test
	void mapsTheUpstreamVariablesThatHaveAMeaningHere() {
		MockEnvironment environment = new MockEnvironment().withProperty("PROXY_GRPC_PORT", "5001")
			.withProperty("PROXY_GRPC_SERVER_ENABLED", "false")
			.withProperty("PROXY_HTTP_CLIENT_ADAPTER_POOL_SIZE", "30")
			.withProperty("PROXY_DATABASE_POOL_SIZE", "15")
			.withProperty("PROXY_DATABASE_DATA_DIR", "mnesia_data")
			.withProperty("PROXY_HOST_INTERFACE", "127.0.0.1")
			.withProperty("SPAWN_DISABLE_METRICS", "true");

		SpawnProxyProperties properties = process(environment);

		assertThat(properties.getGrpc().getPort()).isEqualTo(5001);
		assertThat(properties.getGrpc().isEnabled()).isFalse();
		assertThat(properties.getHost().getMaxConnections()).isEqualTo(30);
		assertThat(properties.getDatabase().getMaxPoolSize()).isEqualTo(15);
		assertThat(properties.getDataDir()).isEqualTo(Path.of("mnesia_data"));
		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("management.metrics.enable.spawn")).isEqualTo("false");
	}

	@Test
	void upstreamsKubernetesDnsStrategyIsTheDnsDiscoveryOfItsHeadlessService() {
		MockEnvironment environment = new MockEnvironment().withProperty("PROXY_CLUSTER_STRATEGY", "kubernetes-dns")
			.withProperty("PROXY_HEADLESS_SERVICE", "proxy-headless")
			.withProperty("PROXY_CLUSTER_POLLING", "5000")
			.withProperty("POD_IP", "10.0.0.7");

		SpawnProxyProperties properties = process(environment);

		assertThat(properties.getCluster().getDiscovery()).isEqualTo(SpawnProxyClusterProperties.Discovery.DNS);
		assertThat(properties.getCluster().getDns().getName()).isEqualTo("proxy-headless");
		assertThat(properties.getCluster().getDns().getPollingInterval()).as("upstream's milliseconds")
			.isEqualTo(java.time.Duration.ofSeconds(5));
		assertThat(properties.getCluster().getAdvertiseAddress()).isEqualTo("10.0.0.7");
	}

	@Test
	void upstreamsDatabaseSslSwitchIsRequireOrDisable(CapturedOutput output) {
		assertThat(process(new MockEnvironment().withProperty("PROXY_DATABASE_SSL", "true")).getDatabase()
			.getSsl()
			.getMode()).isEqualTo(SpawnProxyDatabaseProperties.DatabaseSslMode.REQUIRE);
		assertThat(process(new MockEnvironment().withProperty("PROXY_DATABASE_SSL", "FALSE")).getDatabase()
			.getSsl()
			.getMode()).isEqualTo(SpawnProxyDatabaseProperties.DatabaseSslMode.DISABLE);
		assertThat(process(new MockEnvironment().withProperty("PROXY_DATABASE_SSL", "true")
			.withProperty("spawn.proxy.database.ssl.mode", "verify-full")).getDatabase().getSsl().getMode())
			.as("an explicit mode wins")
			.isEqualTo(SpawnProxyDatabaseProperties.DatabaseSslMode.VERIFY_FULL);
		assertThat(process(new MockEnvironment().withProperty("PROXY_DATABASE_SSL", "yes")).getDatabase()
			.getSsl()
			.getMode()).isEqualTo(SpawnProxyDatabaseProperties.DatabaseSslMode.PREFER);
		this.logs.switchOverAll();

		assertThat(output).contains("PROXY_DATABASE_SSL=yes is neither true nor false");
	}

	@Test
	void upstreamsErlangClusterStrategiesAreIgnoredAndLeaveTheProxyAlone(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty("PROXY_CLUSTER_STRATEGY", "gossip");

		assertThat(process(environment).getCluster().getDiscovery()).isEqualTo(SpawnProxyClusterProperties.Discovery.NONE);
		this.logs.switchOverAll();

		assertThat(output).contains("are ignored: PROXY_CLUSTER_STRATEGY");
	}

	@Test
	void anExplicitDiscoveryWinsOverUpstreamsStrategy() {
		MockEnvironment environment = new MockEnvironment().withProperty("PROXY_CLUSTER_STRATEGY", "kubernetes-dns")
			.withProperty("spawn.proxy.cluster.discovery", "kubernetes");

		assertThat(process(environment).getCluster().getDiscovery())
			.isEqualTo(SpawnProxyClusterProperties.Discovery.KUBERNETES);
	}

	@Test
	void upstreamsEmbeddedStoreNamesSelectTheEmbeddedFileStoreWithAWarning(CapturedOutput output) {
		for (String type : new String[] { "native", "mnesia", "MNESIA" }) {
			MockEnvironment environment = new MockEnvironment().withProperty("PROXY_DATABASE_TYPE", type);

			assertThat(process(environment).getDatabase().getType()).isEqualTo(DatabaseType.H2);
		}
		this.logs.switchOverAll();

		assertThat(output).contains("WARN")
			.contains("PROXY_DATABASE_TYPE=native (upstream's embedded Mnesia store) is served by this proxy's "
					+ "embedded H2 file database in spawn.proxy.data-dir (PROXY_DATABASE_DATA_DIR)");
	}

	@Test
	void mapsUpstreamsLoggerLevelOntoTheProxysLogLevel() {
		String[][] levels = { { "debug", "DEBUG" }, { "DEBUG", "DEBUG" }, { "info", "INFO" }, { "notice", "INFO" },
				{ "warning", "WARN" }, { "error", "ERROR" }, { "critical", "ERROR" }, { "emergency", "ERROR" } };
		for (String[] level : levels) {
			MockEnvironment environment = new MockEnvironment().withProperty("SPAWN_PROXY_LOGGER_LEVEL", level[0]);

			process(environment);

			assertThat(environment.getProperty("logging.level.io.spawn")).as(level[0]).isEqualTo(level[1]);
		}
	}

	@Test
	void anExplicitLoggingLevelWinsOverUpstreamsLoggerLevel() {
		MockEnvironment environment = new MockEnvironment().withProperty("SPAWN_PROXY_LOGGER_LEVEL", "debug")
			.withProperty("logging.level.io.spawn", "WARN");

		process(environment);

		assertThat(environment.getProperty("logging.level.io.spawn")).isEqualTo("WARN");
	}

	@Test
	void namesTheIgnoredUpstreamVariablesOnceWithoutTheirValues(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty("NODE_COOKIE", "cookie-secret-value")
			.withProperty("PROXY_CLUSTER_STRATEGY", "gossip")
			.withProperty("NODE_IP", "10.0.0.1");

		process(environment);
		this.logs.switchOverAll();

		assertThat(output).contains(
				"Upstream Spawn variables with no meaning in this proxy are ignored: NODE_COOKIE, NODE_IP, PROXY_CLUSTER_STRATEGY")
			.doesNotContain("cookie-secret-value");
	}

	@Test
	void noUpstreamVariableIsBothMappedAndIgnored() {
		assertThat(UpstreamEnvironmentPostProcessor.IGNORED).doesNotContainAnyElementsOf(
				UpstreamEnvironmentPostProcessor.ALIASES.keySet())
			.doesNotContainAnyElementsOf(UpstreamEnvironmentPostProcessor.TRANSLATED_ALIASES.keySet());
	}

	@Test
	void anExplicitSpawnProxyKeyWinsOverItsAlias() {
		MockEnvironment environment = new MockEnvironment().withProperty("PROXY_HTTP_PORT", "9101")
			.withProperty("spawn.proxy.http.port", "9200")
			.withProperty("USER_FUNCTION_PORT", "8091");

		SpawnProxyProperties properties = process(environment);

		assertThat(properties.getHttp().getPort()).isEqualTo(9200);
		assertThat(properties.getHost().getPort()).isEqualTo(8091);
	}

	@Test
	void blankVariablesAreIgnored() {
		MockEnvironment environment = new MockEnvironment().withProperty("PROXY_ACTOR_SYSTEM_NAME", "  ");

		SpawnProxyProperties properties = process(environment);

		assertThat(properties.getActorSystem()).isEqualTo("spawn-system");
		assertThat(environment.getPropertySources().contains(UpstreamEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void theHttpPortAliasAlsoMovesTheServerPort() {
		MockEnvironment environment = new MockEnvironment().withProperty("PROXY_HTTP_PORT", "9101")
			.withProperty("server.port", "${spawn.proxy.http.port:9001}");

		process(environment);

		assertThat(environment.getProperty("server.port")).isEqualTo("9101");
	}

	private SpawnProxyProperties process(MockEnvironment environment) {
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		return Binder.get(environment).bindOrCreate("spawn.proxy", SpawnProxyProperties.class);
	}

}
