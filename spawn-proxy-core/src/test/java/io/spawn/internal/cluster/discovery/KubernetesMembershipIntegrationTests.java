package io.spawn.internal.cluster.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.cluster.ClusterSettings;
import io.spawn.internal.cluster.MemberTable;
import io.spawn.internal.cluster.Membership;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.state.jpa.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real memberships on embedded PostgreSQL whose candidates come from the mock API server: the view follows the
 * EndpointSlices at once (the heartbeat is 30 s here, so only the watch's wake-up explains a change within seconds),
 * and an API server that goes away or forbids the watch leaves the view as it was while health says why.
 */
class KubernetesMembershipIntegrationTests {

	private static final Duration SOON = Duration.ofSeconds(10);

	private final FakeApiServer api = new FakeApiServer();

	private final HikariDataSource database = TestDatabases.postgresDatabase();

	private Membership a;

	private Membership b;

	KubernetesMembershipIntegrationTests() {
		JpaStatePersistence.migrate(this.database);
	}

	private Membership member(String node, String ip) {
		ClusterSettings settings = new ClusterSettings(node, ip + ":9990", 9990, Duration.ofSeconds(30),
				Duration.ofSeconds(60));
		Membership membership = new Membership(settings, new KubernetesPeerDiscovery(this.api.client(), true,
				FakeApiServer.NAMESPACE, FakeApiServer.SERVICE, "peer", 9990), new MemberTable(this.database),
				System::currentTimeMillis);
		membership.start();
		membership.ready();
		return membership;
	}

	@AfterEach
	void close() {
		for (Membership membership : new Membership[] { this.a, this.b }) {
			if (membership != null) {
				membership.close();
			}
		}
		this.api.close();
		this.database.close();
	}

	@Test
	void theViewFollowsTheReadyEndpointsAtOnce() {
		this.api.slice("shop-spawn-peers-a", 9990, "10.0.0.1", "10.0.0.2");
		this.a = member("a", "10.0.0.1");
		this.b = member("b", "10.0.0.2");
		this.a.refresh();
		assertThat(this.a.view().nodeIds()).containsExactly("a", "b");

		this.api.slice("shop-spawn-peers-a", 9990, "10.0.0.1", "10.0.0.2!");
		await().atMost(SOON).untilAsserted(() -> assertThat(this.a.view().nodeIds()).containsExactly("a"));

		this.api.slice("shop-spawn-peers-a", 9990, "10.0.0.1", "10.0.0.2");
		await().atMost(SOON).untilAsserted(() -> assertThat(this.a.view().nodeIds()).containsExactly("a", "b"));

		this.api.deleteSlice("shop-spawn-peers-a");
		await().atMost(SOON).untilAsserted(() -> assertThat(this.a.view().nodeIds()).containsExactly("a"));
		assertThat(this.a.healthy()).isTrue();
	}

	@Test
	void anApiServerThatIsDownOrForbidsKeepsTheLastViewAndSaysSo() {
		this.api.slice("shop-spawn-peers-a", 9990, "10.0.0.1", "10.0.0.2");
		this.a = member("a", "10.0.0.1");
		this.b = member("b", "10.0.0.2");
		this.a.refresh();
		assertThat(this.a.view().nodeIds()).containsExactly("a", "b");

		this.api.stop();
		await().atMost(SOON).untilAsserted(() -> {
			this.a.refresh();
			assertThat(this.a.healthy()).isFalse();
		});
		assertThat(this.a.lastProblem()).contains("peer discovery failed")
			.contains("the watch on the endpoints of Service shop/shop-spawn-peers is down")
			.contains("keeping its last answer");
		assertThat(this.a.view().nodeIds()).as("never an empty cluster").containsExactly("a", "b");

		this.api.restart();
		await().atMost(SOON).untilAsserted(() -> {
			this.a.refresh();
			assertThat(this.a.healthy()).isTrue();
		});

		this.api.forbid();
		await().atMost(SOON).untilAsserted(() -> {
			this.a.refresh();
			assertThat(this.a.lastProblem()).contains("403 Forbidden");
		});
		assertThat(this.a.healthy()).isFalse();
		assertThat(this.a.view().nodeIds()).containsExactly("a", "b");

		this.api.allow();
		await().atMost(SOON).untilAsserted(() -> {
			this.a.refresh();
			assertThat(this.a.healthy()).isTrue();
		});
		assertThat(this.a.view().nodeIds()).containsExactly("a", "b");
	}

}
