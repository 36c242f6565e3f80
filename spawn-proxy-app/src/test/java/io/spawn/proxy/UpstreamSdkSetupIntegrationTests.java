package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.spawn.protocol.actors.Kind;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The proxy started with the environment an upstream Spawn SDK's own test setup passes to its proxy container
 * ({@code PROXY_DATABASE_TYPE=native}, a Mnesia data directory, an Erlang cookie, a DEBUG logger level). The
 * variables are passed as command-line properties of the same names, which the proxy reads exactly like
 * environment variables.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamSdkSetupIntegrationTests {

	private final TestHost host = new TestHost();

	@AfterEach
	void stopHost() {
		this.host.close();
	}

	@Test
	void startsWithTheEmbeddedFileStoreInTheUpstreamDataDirectoryAndServesCalls(@TempDir Path work,
			CapturedOutput output) throws Exception {
		this.host.on("spawn-system-test", "greeter", "hello", TestHost::echo);
		Path dataDir = work.resolve("mnesia_data");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SpawnProxyApplication.class).run(
				"--SPAWN_PROXY_LOGGER_LEVEL=DEBUG",
				"--SPAWN_STATESTORE_KEY=3Jnb0hZiHIzHTOih7t2cTEPEpY98Tu1wvQkPfq/XwqE=",
				"--PROXY_ACTOR_SYSTEM_NAME=spawn-system-test", "--PROXY_DATABASE_TYPE=native",
				"--PROXY_DATABASE_DATA_DIR=" + dataDir, "--NODE_COOKIE=cookie-not-to-be-logged",
				"--POD_NAMESPACE=spawn-system-test", "--POD_IP=spawn", "--PROXY_HTTP_PORT=0",
				"--PROXY_GRPC_PORT=0", "--USER_FUNCTION_HOST=127.0.0.1", "--USER_FUNCTION_PORT=" + this.host.port())) {
			ProxyClient proxy = new ProxyClient(
					Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
			proxy.register(ProxyClient.registration("", actor("greeter", Kind.NAMED, "hello")));

			ProxyClient.Reply reply = proxy.invoke(call("spawn-system-test", "greeter", "hello", "world").build());

			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.text()).isEqualTo("world");
			assertThat(context.getBean(DataSource.class)).isInstanceOfSatisfying(HikariDataSource.class,
					(hikari) -> assertThat(hikari.getJdbcUrl())
						.startsWith("jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("spawn") + ";"));
			assertThat(LogFactory.getLog("io.spawn.proxy.http").isDebugEnabled()).isTrue();
			assertThat(output).contains("PROXY_DATABASE_TYPE=native (upstream's embedded Mnesia store) is served")
				.contains("ignored: NODE_COOKIE, POD_NAMESPACE")
				.doesNotContain("cookie-not-to-be-logged");
		}
	}

}
