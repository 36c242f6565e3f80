package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Kind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A proxy configured only through the environment variables of upstream Spawn proxies, against a real
 * PostgreSQL server, keeping actor state there across a restart. The variables are passed as command-line properties of the same names, which the proxy
 * reads exactly like environment variables (a test cannot set its own process environment).
 */
class UpstreamEnvironmentIntegrationTests {

	private final TestHost host = new TestHost();

	private EmbeddedPostgres postgres;

	@BeforeEach
	void startPostgres() throws Exception {
		this.postgres = EmbeddedPostgres.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.host.close();
		this.postgres.close();
	}

	@Test
	void runsOnPostgresAndServesCallsConfiguredByUpstreamVariablesOnly() throws Exception {
		this.host.on("upstream-system", "greeter", "hello", TestHost::echo);
		this.host.on("upstream-system", "holder", "set", TestHost::setState);
		try (ConfigurableApplicationContext context = startProxy()) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			ProxyClient proxy = new ProxyClient(port);

			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOfSatisfying(HikariDataSource.class, (hikari) -> assertThat(
					hikari.getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + this.postgres.getPort() + "/postgres"));
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("select version()")) {
				result.next();
				assertThat(result.getString(1)).startsWith("PostgreSQL");
			}
			HttpResponse<String> readiness = proxy.getText("/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("PostgreSQL");

			// A registration naming no system joins PROXY_ACTOR_SYSTEM_NAME's system.
			proxy.register(registration());
			ProxyClient.Reply reply = proxy.invoke(call("upstream-system", "greeter", "hello", "world").build());
			ProxyClient.Reply set = proxy.invoke(call("upstream-system", "holder", "set", "kept").build());

			assertThat(port).isNotEqualTo(9001);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.text()).isEqualTo("world");
			assertThat(set.status()).isEqualTo(200);
			assertThat(this.host.receivedBy("upstream-system", "greeter")).singleElement()
				.satisfies((received) -> assertThat(received.invocation().getActor().getSystem())
					.isEqualTo("upstream-system"));
		}

		// A new proxy on the same database: the state written before the restart is read back.
		try (ConfigurableApplicationContext context = startProxy()) {
			ProxyClient proxy = new ProxyClient(
					Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
			proxy.register(registration());

			ProxyClient.Reply state = proxy.invoke(call("upstream-system", "holder", "get").build());

			assertThat(state.status()).isEqualTo(200);
			assertThat(state.text()).isEqualTo("kept");
			assertThat(this.host.receivedBy("upstream-system", "holder")).as("read from the store, not the host")
				.hasSize(1);
		}
	}

	private ConfigurableApplicationContext startProxy() {
		return new SpringApplicationBuilder(SpawnProxyApplication.class).run("--PROXY_HTTP_PORT=0",
				"--PROXY_ACTOR_SYSTEM_NAME=upstream-system", "--USER_FUNCTION_HOST=127.0.0.1",
				"--USER_FUNCTION_PORT=" + this.host.port(), "--PROXY_DATABASE_TYPE=postgres",
				"--PROXY_DATABASE_HOST=localhost", "--PROXY_DATABASE_PORT=" + this.postgres.getPort(),
				"--PROXY_DATABASE_NAME=postgres", "--PROXY_DATABASE_USERNAME=postgres",
				// Details are hidden by default (docs/security.md); this test reads which database readiness checks.
				"--management.endpoint.health.show-details=always", "--management.endpoint.health.show-components=always");
	}

	private static RegistrationRequest registration() {
		return ProxyClient.registration("", actor("greeter", Kind.NAMED, "hello"), actor("holder", Kind.NAMED, "set"));
	}

}
