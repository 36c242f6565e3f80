package io.spawn.samples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.autoconfigure.SpawnSidecarLifecycle;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample against a real sidecar: the spawn-proxy-app jar in its own process, configured only through the
 * upstream environment variables, on a real PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BankAccountSidecarIntegrationTests {

	static EmbeddedPostgres postgres;

	static Process proxy;

	static int proxyPort;

	static int hostPort;

	static Path proxyLog;

	@LocalServerPort
	int port;

	@Autowired
	SpawnSidecarLifecycle sidecar;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void sidecar(DynamicPropertyRegistry registry) throws IOException {
		postgres = EmbeddedPostgres.start();
		proxyPort = freePort();
		hostPort = freePort();
		File jar = new File(System.getProperty("spawn.proxy.jar", "../../spawn-proxy-app/target/spawn-proxy-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the proxy's executable jar (built by the reactor before this sample)").exists();
		proxyLog = Files.createTempFile("spawn-proxy", ".log");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.getAbsolutePath())
			.redirectErrorStream(true)
			.redirectOutput(proxyLog.toFile());
		builder.environment().put("PROXY_ACTOR_SYSTEM_NAME", "bank");
		builder.environment().put("PROXY_HTTP_PORT", Integer.toString(proxyPort));
		builder.environment().put("USER_FUNCTION_HOST", "127.0.0.1");
		builder.environment().put("USER_FUNCTION_PORT", Integer.toString(hostPort));
		builder.environment().put("PROXY_DATABASE_TYPE", "postgres");
		builder.environment().put("PROXY_DATABASE_HOST", "localhost");
		builder.environment().put("PROXY_DATABASE_PORT", Integer.toString(postgres.getPort()));
		builder.environment().put("PROXY_DATABASE_NAME", "postgres");
		builder.environment().put("PROXY_DATABASE_USERNAME", "postgres");
		builder.environment().put("PROXY_DATABASE_SECRET", "postgres");
		builder.environment().put("SPAWN_PROXY_DATA_DIR", Files.createTempDirectory("spawn-proxy-data").toString());
		proxy = builder.start();
		registry.add("spawn.sidecar.proxy-url", () -> "http://127.0.0.1:" + proxyPort);
		registry.add("spawn.sidecar.host-port", () -> hostPort);
		registry.add("spawn.sidecar.registration-max-backoff", () -> "500ms");
	}

	@AfterAll
	static void stop() throws Exception {
		if (proxy != null) {
			proxy.destroy();
			proxy.waitFor();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private void awaitRegistered() throws Exception {
		boolean registered = this.sidecar.awaitRegistration(Duration.ofSeconds(90));
		assertThat(registered).as("registered with the proxy; proxy log: %s", Files.readString(proxyLog)).isTrue();
	}

	@Test
	void depositsAndWithdrawalsAreCommittedBeforeTheyAreAnswered() throws Exception {
		awaitRegistered();
		String account = "acct-" + UUID.randomUUID();
		assertThat(send("POST", "/accounts/" + account + "/deposits", "{\"amount\":500}").body())
			.isEqualTo("{\"account\":\"" + account + "\",\"balance\":500}");
		assertThat(storedRevision(account)).as("write-through: the row exists when the deposit returns").isEqualTo(1);
		assertThat(send("POST", "/accounts/" + account + "/withdrawals", "{\"amount\":200}").body()).contains("\"balance\":300");
		assertThat(storedRevision(account)).isEqualTo(2);

		HttpResponse<String> refused = send("POST", "/accounts/" + account + "/withdrawals", "{\"amount\":1000}");
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("insufficient-funds");
		assertThat(send("GET", "/accounts/" + account, null).body()).contains("\"balance\":300");
		assertThat(storedRevision(account)).as("a refused withdrawal writes nothing").isEqualTo(2);
	}

	@Test
	void largeMovementsReachTheAudit() throws Exception {
		awaitRegistered();
		String account = "whale-" + UUID.randomUUID();
		send("POST", "/accounts/" + account + "/deposits", "{\"amount\":25000}");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(send("GET", "/audit", null).body()).contains(account).contains("25000"));
	}

	private static long storedRevision(String account) throws Exception {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				PreparedStatement query = connection.prepareStatement(
						"SELECT revision FROM spawn_actor_snapshot WHERE actor_system = 'bank' AND actor_name = ?")) {
			query.setString(1, account);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? rows.getLong(1) : 0;
			}
		}
	}

}
