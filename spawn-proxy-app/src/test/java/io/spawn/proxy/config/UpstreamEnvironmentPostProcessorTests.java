package io.spawn.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.proxy.config.SpawnProxyProperties.DatabaseType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

/**
 * The upstream environment variables as aliases of {@code spawn.proxy.*} keys.
 */
class UpstreamEnvironmentPostProcessorTests {

	private final UpstreamEnvironmentPostProcessor processor = new UpstreamEnvironmentPostProcessor();

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
		assertThat(UpstreamEnvironmentPostProcessor.ALIASES).hasSize(11);
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
