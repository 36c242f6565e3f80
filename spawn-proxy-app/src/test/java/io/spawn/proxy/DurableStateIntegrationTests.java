package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static io.spawn.proxy.ProxyClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The proxy on its durable store (H2 in a data directory): delayed calls outlive a restart, and state is
 * encrypted at rest when a key is configured.
 */
class DurableStateIntegrationTests {

	private final TestHost host = new TestHost();

	@TempDir
	Path dataDir;

	@AfterEach
	void stopHost() {
		this.host.close();
	}

	@Test
	void aDelayedCallAcceptedBeforeARestartRunsAfterItAndNotBeforeItsTime() {
		this.host.on("restart", "alarm", "ring", TestHost::echo);
		long due;
		try (ConfigurableApplicationContext proxy = start()) {
			ProxyClient client = client(proxy);
			client.register(ProxyClient.registration("restart", actor("alarm", Kind.NAMED, "ring")));
			due = System.currentTimeMillis() + 1_500;
			ProxyClient.Reply accepted = client
				.invoke(call("restart", "alarm", "ring", "wake up").setScheduledTo(due).build());
			assertThat(accepted.status()).isEqualTo(200);
		}
		assertThat(this.host.receivedBy("restart", "alarm")).as("the first proxy stopped before the call was due")
			.isEmpty();

		try (ConfigurableApplicationContext proxy = start()) {
			// The call falls due before the host registers again: the proxy keeps it rather than dropping it as a
			// call to an unknown actor.
			await().until(() -> System.currentTimeMillis() > due + 750);
			assertThat(this.host.receivedBy("restart", "alarm")).isEmpty();

			client(proxy).register(ProxyClient.registration("restart", actor("alarm", Kind.NAMED, "ring")));

			await().until(() -> this.host.receivedBy("restart", "alarm").size() == 1);
			TestHost.Received ring = this.host.receivedBy("restart", "alarm").get(0);
			assertThat(ring.receivedAtMillis()).isGreaterThanOrEqualTo(due);
			assertThat(text(ring.invocation().getValue())).isEqualTo("wake up");
		}
	}

	@Test
	void encryptsStateAtRestAndRefusesToReadItWithAnotherKey() throws Exception {
		String key = newKey();
		String otherKey = newKey();
		this.host.on("vault", "box", "put", TestHost::setState);
		String secret = "the launch code is 0000";
		try (ConfigurableApplicationContext proxy = start("--spawn.proxy.state.encryption.key=" + key)) {
			ProxyClient client = client(proxy);
			client.register(ProxyClient.registration("vault", actor("box", Kind.NAMED, "put")));
			assertThat(client.invoke(call("vault", "box", "put", secret).build()).status()).isEqualTo(200);
			DataSource dataSource = proxy.getBean(DataSource.class);
			await().until(() -> !storedBytes(dataSource, "spawn_actor_snapshot").isEmpty());

			assertThat(storedBytes(dataSource, "spawn_actor_snapshot")).singleElement()
				.satisfies((bytes) -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(secret)
					.doesNotContain("launch code"));
			assertThat(storedBytes(dataSource, "spawn_actor_snapshot_history"))
				.allSatisfy((bytes) -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(secret));
		}

		try (ConfigurableApplicationContext proxy = start("--spawn.proxy.state.encryption.key=" + otherKey)) {
			ProxyClient client = client(proxy);
			client.register(ProxyClient.registration("vault", actor("box", Kind.NAMED, "put")));

			ProxyClient.Reply refused = client.invoke(call("vault", "box", "get").build());

			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
			assertThat(refused.message()).contains("box").contains("not configured");
			assertThat(refused.response().hasValue()).isFalse();
		}

		// Rotation: the new key encrypts, the old one still reads.
		try (ConfigurableApplicationContext proxy = start("--spawn.proxy.state.encryption.key=" + otherKey,
				"--spawn.proxy.state.encryption.old-keys=" + key)) {
			ProxyClient client = client(proxy);
			client.register(ProxyClient.registration("vault", actor("box", Kind.NAMED, "put")));

			ProxyClient.Reply read = client.invoke(call("vault", "box", "get").build());

			assertThat(read.status()).isEqualTo(200);
			assertThat(read.text()).isEqualTo(secret);
		}
	}

	@Test
	void withoutAKeyStateIsStoredAsPlainProtobuf() throws Exception {
		// The counterpart of the encryption test: the same query does find the plaintext when nothing encrypts.
		this.host.on("plain", "box", "put", TestHost::setState);
		try (ConfigurableApplicationContext proxy = start()) {
			ProxyClient client = client(proxy);
			client.register(ProxyClient.registration("plain", actor("box", Kind.NAMED, "put")));
			client.invoke(call("plain", "box", "put", "readable by anyone").build());
			DataSource dataSource = proxy.getBean(DataSource.class);
			await().until(() -> !storedBytes(dataSource, "spawn_actor_snapshot").isEmpty());

			assertThat(storedBytes(dataSource, "spawn_actor_snapshot")).singleElement()
				.satisfies((bytes) -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
					.contains("readable by anyone"));
		}
	}

	private ConfigurableApplicationContext start(String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spawn.proxy.host.host=127.0.0.1",
				"--spawn.proxy.host.port=" + this.host.port(), "--spawn.proxy.data-dir=" + this.dataDir,
				"--spawn.proxy.runtime.snapshot-interval=50ms"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(SpawnProxyApplication.class).run(args.toArray(String[]::new));
	}

	private static ProxyClient client(ConfigurableApplicationContext proxy) {
		return new ProxyClient(Integer.parseInt(proxy.getEnvironment().getProperty("local.server.port")));
	}

	private static List<byte[]> storedBytes(DataSource dataSource, String table) throws Exception {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement query = connection
					.prepareStatement("select state_bytes from " + table + " where actor_name = 'box'");
				ResultSet rows = query.executeQuery()) {
			List<byte[]> found = new ArrayList<>();
			while (rows.next()) {
				found.add(rows.getBytes(1));
			}
			return found;
		}
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
