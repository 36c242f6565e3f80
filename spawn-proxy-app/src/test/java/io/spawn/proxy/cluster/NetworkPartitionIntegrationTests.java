package io.spawn.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.protocol.InvocationRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A member cut off from the database and the other members by a network partition (its own network namespace, whose
 * link to the rest is taken down). The majority side takes over its actors once their leases expired, from their
 * last committed state; the cut-off member stops serving the actors whose leases it cannot renew and activates no new
 * ones; after the partition heals it rejoins and serves the majority's state, with no acknowledged write lost.
 * <p>
 * Layout: the database and members {@code b} and {@code c} in the test's namespace; member {@code a} in namespace
 * {@code spawnpart}, reaching the database and the peers through the pair {@code sppart0} (10.231.0.1) -
 * {@code sppart1} (10.231.0.2), and its host app and the test through {@code sppart2} (10.231.1.1) - {@code sppart3}
 * (10.231.1.2), which stays up: like a pod whose app container still reaches its sidecar.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkPartitionIntegrationTests {

	private static final String SYSTEM = "np";

	private static final String CLUSTER_LINK = "sppart0";

	private final ClusterTestClient client = new ClusterTestClient(SYSTEM);

	private NetworkNamespace namespace;

	private EmbeddedPostgres postgres;

	private CounterHost host;

	private ProxyProcess cutOff;

	private final List<ProxyProcess> majority = new ArrayList<>();

	@BeforeAll
	void startCluster() throws Exception {
		Assumptions.assumeTrue(NetworkNamespace.available(), "needs root and iproute2 to create network namespaces");
		this.namespace = NetworkNamespace.create("spawnpart");
		this.namespace.link(CLUSTER_LINK, "10.231.0.1/30", "sppart1", "10.231.0.2/30");
		this.namespace.link("sppart2", "10.231.1.1/30", "sppart3", "10.231.1.2/30");
		this.postgres = EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "127.0.0.1,10.231.0.1")
			.setDataDirectoryCustomizer((dir) -> {
				try {
					Files.writeString(dir.toPath().resolve("pg_hba.conf"), "host all all 10.231.0.2/32 trust\n",
							StandardOpenOption.APPEND);
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			})
			.start();
		this.host = new CounterHost();
		int hostPort = this.host.alsoListenOn(InetAddress.getByName("10.231.1.1"));
		int[] peerPorts = { ProxyProcess.freePort(), ProxyProcess.freePort(), ProxyProcess.freePort() };
		String peers = "10.231.0.2:" + peerPorts[0] + ",10.231.0.1:" + peerPorts[1] + ",10.231.0.1:" + peerPorts[2];
		this.cutOff = ProxyProcess
			.prepare("node-a", ProxyProcess.freePort(), peerPorts[0], settings(peers, "10.231.0.1", "10.231.1.1", hostPort))
			.inNamespace(this.namespace.name(), "10.231.1.2");
		this.majority.add(ProxyProcess.prepare("node-b", ProxyProcess.freePort(), peerPorts[1],
				settings(peers, "127.0.0.1", "127.0.0.1", hostPort)));
		this.majority.add(ProxyProcess.prepare("node-c", ProxyProcess.freePort(), peerPorts[2],
				settings(peers, "127.0.0.1", "127.0.0.1", hostPort)));
		for (ProxyProcess member : all()) {
			member.start();
		}
		for (ProxyProcess member : all()) {
			member.awaitReady(Duration.ofSeconds(90));
			this.client.register(member);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> all().stream().allMatch((m) -> this.client.viewOf(m).size() == 3));
	}

	private Map<String, String> settings(String peers, String database, String host, int hostPort) {
		Map<String, String> settings = ProxyProcess.memberSettings(SYSTEM, hostPort, database,
				this.postgres.getPort(), peers);
		settings.put("spawn.proxy.host.host", host);
		// The database trusts the test's addresses; a remote database is never used without a password.
		settings.put("spawn.proxy.database.secret", "partition-test");
		settings.put("spawn.proxy.state.lease-duration", "3s");
		settings.put("spawn.proxy.shutdown.timeout", "10s");
		return settings;
	}

	private List<ProxyProcess> all() {
		List<ProxyProcess> all = new ArrayList<>(this.majority);
		all.add(0, this.cutOff);
		return all;
	}

	@AfterAll
	void stopCluster() throws Exception {
		for (ProxyProcess member : all()) {
			if (member != null) {
				member.close();
			}
		}
		if (this.host != null) {
			this.host.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
		if (this.namespace != null) {
			this.namespace.close();
		}
	}

	@Test
	void theCutOffMemberStopsServingAndTheMajorityTakesOverFromTheLastCommittedState() throws Exception {
		ProxyProcess b = this.majority.get(0);
		ProxyProcess c = this.majority.get(1);
		List<String> held = new ArrayList<>();
		for (int i = 0; held.size() < 3 && i < 200; i++) {
			if (this.client.ownerOf(b, "q" + i).equals(this.cutOff.nodeId)) {
				held.add("q" + i);
			}
		}
		assertThat(held).as("actors the member to be cut off owns").hasSize(3);
		Map<String, Long> acknowledged = new LinkedHashMap<>();
		for (String actor : held) {
			for (ProxyProcess member : all()) {
				ClusterTestClient.Answer answer = this.client.add(member, actor, "counter", 1);
				assertThat(answer.status()).as("%s through %s: %s", actor, member.nodeId, answer.message()).isEqualTo(200);
			}
			acknowledged.put(actor, 3L);
			assertThat(this.client.activeOn(this.cutOff, actor)).as("%s active on the member to be cut off", actor).isTrue();
		}

		this.namespace.cut(CLUSTER_LINK);
		long cutAt = System.nanoTime();
		try {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.majority.stream().allMatch((m) -> !this.client.viewOf(m).contains(this.cutOff.nodeId)));
			// Its heartbeats hang rather than fail: the cut-off member learns from their age that it is cut off.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.client.actuator(this.cutOff, "/actuator/cluster").contains("\"healthy\":false"));
			for (String actor : held) {
				// The first call waits for the cut-off member's lease to expire, then activates from the database.
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
					ClusterTestClient.Answer answer = this.client.add(b, actor, "counter", 1);
					if (answer.status() == 200) {
						assertThat(answer.value()).as("%s resumes from its last committed value", actor)
							.isEqualTo(acknowledged.get(actor) + 1);
						acknowledged.merge(actor, 1L, Long::sum);
						return true;
					}
					return false;
				});
				if (actor.equals(held.get(0))) {
					System.out.printf("Partition: first call served by the majority %d ms after the cut%n",
							TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt));
				}
				ClusterTestClient.Answer again = this.client.add(c, actor, "counter", 1);
				assertThat(again.status()).isEqualTo(200);
				assertThat(again.value()).isEqualTo(acknowledged.merge(actor, 1L, Long::sum));
			}
			// The cut-off side: its leases expired (the majority runs the actors), so it must not answer for them,
			// neither a write nor a read of what it still has in memory, and it cannot activate anything new.
			for (String actor : held) {
				assertThat(bounded(this.client.call(actor, "add", "counter", 1L)).status())
					.as("a write to %s through the cut-off member", actor)
					.isNotEqualTo(200);
				assertThat(bounded(this.client.call(actor, "get", null, null)).status())
					.as("a read of %s through the cut-off member", actor)
					.isNotEqualTo(200);
			}
			assertThat(bounded(this.client.call("fresh", "add", "counter", 1L)).status())
				.as("a new activation on the cut-off member")
				.isNotEqualTo(200);
		}
		finally {
			this.namespace.heal(CLUSTER_LINK);
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> all().stream().allMatch((m) -> this.client.viewOf(m).size() == 3));
		for (String actor : held) {
			long expected = acknowledged.get(actor);
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				for (ProxyProcess member : all()) {
					ClusterTestClient.Answer answer = this.client.send(member, this.client.call(actor, "get", null, null));
					assertThat(answer.status()).as("read of %s through %s: %s", actor, member.nodeId, answer.message())
						.isEqualTo(200);
					assertThat(answer.value()).as("%s through %s after the partition healed", actor, member.nodeId)
						.isEqualTo(expected);
				}
			});
		}
		ClusterTestClient.Answer after = this.client.add(this.cutOff, held.get(0), "counter", 1);
		assertThat(after.status()).isEqualTo(200);
		assertThat(after.value()).isEqualTo(acknowledged.get(held.get(0)) + 1);
		assertThat(this.host.maxConcurrentOfAnyActor()).as("calls of one actor inside the host at once").isEqualTo(1);
	}

	/** A call through the cut-off member with a deadline, so that it answers instead of waiting for the database. */
	private ClusterTestClient.Answer bounded(InvocationRequest request) {
		return this.client.send(this.cutOff,
				request.toBuilder().putMetadata("request-timeout", "2000").build());
	}

}
