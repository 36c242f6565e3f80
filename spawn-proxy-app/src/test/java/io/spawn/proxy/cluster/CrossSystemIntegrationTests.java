package io.spawn.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two actor systems of two proxy JVMs each, on their own databases of one embedded PostgreSQL, each with its own
 * host: members of {@code shop} call actors of {@code billing} through {@code spawn.proxy.cluster.systems}, and keep
 * doing so when one billing member is killed.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossSystemIntegrationTests {

	private EmbeddedPostgres postgres;

	private CounterHost shopHost;

	private CounterHost billingHost;

	private final ClusterTestClient shopClient = new ClusterTestClient("shop");

	private final ClusterTestClient billingClient = new ClusterTestClient("billing");

	private final List<ProxyProcess> shop = new ArrayList<>();

	private final List<ProxyProcess> billing = new ArrayList<>();

	@BeforeAll
	void startSystems() throws Exception {
		this.postgres = EmbeddedPostgres.start();
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE shop");
			statement.execute("CREATE DATABASE billing");
		}
		this.shopHost = new CounterHost();
		this.billingHost = new CounterHost();
		int[] billingPeers = { ProxyProcess.freePort(), ProxyProcess.freePort() };
		int[] shopPeers = { ProxyProcess.freePort(), ProxyProcess.freePort() };
		String billingAddresses = "127.0.0.1:" + billingPeers[0] + ",127.0.0.1:" + billingPeers[1];
		String shopAddresses = "127.0.0.1:" + shopPeers[0] + ",127.0.0.1:" + shopPeers[1];
		for (int i = 0; i < 2; i++) {
			Map<String, String> billingSettings = ProxyProcess.memberSettings("billing", this.billingHost.port(),
					"localhost", this.postgres.getPort(), billingAddresses);
			billingSettings.put("spawn.proxy.database.name", "billing");
			billingSettings.put("spawn.proxy.state.lease-duration", "3s");
			this.billing.add(ProxyProcess.prepare("billing-" + i, ProxyProcess.freePort(), billingPeers[i],
					billingSettings));
			Map<String, String> shopSettings = ProxyProcess.memberSettings("shop", this.shopHost.port(), "localhost",
					this.postgres.getPort(), shopAddresses);
			shopSettings.put("spawn.proxy.database.name", "shop");
			shopSettings.put("spawn.proxy.cluster.systems.billing.peers", billingAddresses);
			this.shop.add(ProxyProcess.prepare("shop-" + i, ProxyProcess.freePort(), shopPeers[i], shopSettings));
		}
		for (ProxyProcess member : all()) {
			member.start();
		}
		for (ProxyProcess member : this.billing) {
			member.awaitReady(Duration.ofSeconds(180));
			this.billingClient.register(member);
		}
		for (ProxyProcess member : this.shop) {
			member.awaitReady(Duration.ofSeconds(180));
			this.shopClient.register(member);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.billing.stream().allMatch((m) -> this.billingClient.viewOf(m).size() == 2)
					&& this.shop.stream().allMatch((m) -> this.shopClient.viewOf(m).size() == 2));
	}

	private List<ProxyProcess> all() {
		List<ProxyProcess> all = new ArrayList<>(this.shop);
		all.addAll(this.billing);
		return all;
	}

	@AfterAll
	void stopSystems() throws Exception {
		for (ProxyProcess member : all()) {
			member.close();
		}
		for (CounterHost host : new CounterHost[] { this.shopHost, this.billingHost }) {
			if (host != null) {
				host.close();
			}
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	@Order(1)
	void callsFromEitherShopMemberRunInBillingAndKeepOneState() {
		for (int i = 0; i < 6; i++) {
			ClusterTestClient.Answer answer = this.billingClient.add(this.shop.get(i % 2), "invoice", "counter", 5);
			assertThat(answer.status()).as(answer.message()).isEqualTo(200);
			assertThat(answer.value()).isEqualTo(5L * (i + 1));
		}
		// The billing system's own members see the same actor, and only billing's host ran it.
		assertThat(this.billingClient.read(this.billing.get(0), "invoice")).isEqualTo(30);
		assertThat(this.billingHost.received("invoice", "add")).isEqualTo(6);
		assertThat(this.shopHost.received("invoice", "add")).isZero();
	}

	@Test
	@Order(2)
	void aSystemNeitherRegisteredNorConfiguredIsNotFound() {
		ClusterTestClient.Answer answer = new ClusterTestClient("nowhere").add(this.shop.get(0), "x", "counter", 1);
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.message()).contains("no actor system 'nowhere'");
	}

	@Test
	@Order(3)
	void whenABillingMemberDiesShopCallsGoOnThroughTheOther() throws Exception {
		long before = this.billingClient.read(this.billing.get(1), "invoice");
		this.billing.get(0).close();
		// Until billing's members see the death (2 s) and its lease lapses (3 s), a call may meet the dead owner.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			ClusterTestClient.Answer answer = this.billingClient.add(this.shop.get(0), "invoice", "counter", 1);
			assertThat(answer.status()).as(answer.message()).isEqualTo(200);
		});
		for (int i = 0; i < 4; i++) {
			ClusterTestClient.Answer answer = this.billingClient.add(this.shop.get(i % 2), "invoice", "counter", 1);
			assertThat(answer.status()).as(answer.message()).isEqualTo(200);
		}
		assertThat(this.billingClient.read(this.billing.get(1), "invoice")).isGreaterThanOrEqualTo(before + 5);
	}

}
