package io.spawn.internal.cluster.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes discovery against fabric8's mock API server in CRUD mode: the candidates follow the EndpointSlices of
 * the Service as they are created, changed and deleted, and an API server that goes away or answers 403 leaves the
 * last answer in place while the discovery says what is wrong.
 */
class KubernetesPeerDiscoveryTests {

	private static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);

	private final FakeApiServer api = new FakeApiServer();

	private final AtomicInteger changes = new AtomicInteger();

	private KubernetesPeerDiscovery discovery(String portName) {
		return new KubernetesPeerDiscovery(this.api.client(), true, FakeApiServer.NAMESPACE, FakeApiServer.SERVICE,
				portName, 9990, Duration.ofSeconds(2));
	}

	private KubernetesPeerDiscovery discovery;

	@AfterEach
	void close() {
		if (this.discovery != null) {
			this.discovery.close();
		}
		this.api.close();
	}

	@Test
	void candidatesAreTheReadyEndpointsOfTheServiceOnTheirNamedPort() {
		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.1", "10.0.0.2", "10.0.0.3!");
		this.api.slice(FakeApiServer.SERVICE, "shop-spawn-peers-b", "other", 7000, "10.0.0.4");
		this.api.slice("shop-spawn", "shop-spawn-x", "peer", 9991, "10.0.9.9");
		this.discovery = discovery("peer");

		this.discovery.watch(this.changes::incrementAndGet);

		assertThat(this.discovery.peerAddresses()).as("not ready: .3; no port named peer: .4 on the configured port;"
				+ " another Service: .9.9")
			.containsExactlyInAnyOrder("10.0.0.1:9991", "10.0.0.2:9991", "10.0.0.4:9990");
		assertThat(this.changes).hasPositiveValue();
	}

	@Test
	void theWatchFollowsEndpointsAddedMadeNotReadyAndRemovedAndSaysSo() {
		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.1");
		this.discovery = discovery("peer");
		this.discovery.watch(this.changes::incrementAndGet);
		assertThat(this.discovery.peerAddresses()).containsExactly("10.0.0.1:9991");

		int before = this.changes.get();
		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.1", "10.0.0.2");
		await().atMost(WITHIN_SECONDS).ignoreExceptions().untilAsserted(() -> assertThat(this.discovery.peerAddresses())
			.containsExactlyInAnyOrder("10.0.0.1:9991", "10.0.0.2:9991"));
		assertThat(this.changes.get()).as("the membership is woken").isGreaterThan(before);

		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.1!", "10.0.0.2");
		await().atMost(WITHIN_SECONDS).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.discovery.peerAddresses()).containsExactly("10.0.0.2:9991"));

		this.api.slice("shop-spawn-peers-b", 9992, "10.0.0.5");
		await().atMost(WITHIN_SECONDS).ignoreExceptions().untilAsserted(() -> assertThat(this.discovery.peerAddresses())
			.containsExactlyInAnyOrder("10.0.0.2:9991", "10.0.0.5:9992"));

		this.api.deleteSlice("shop-spawn-peers-a");
		await().atMost(WITHIN_SECONDS).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.discovery.peerAddresses()).containsExactly("10.0.0.5:9992"));
	}

	@Test
	void anApiServerThatGoesAwayIsAProblemUntilItIsBack() {
		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.1");
		this.discovery = discovery("peer");
		this.discovery.watch(this.changes::incrementAndGet);
		assertThat(this.discovery.peerAddresses()).containsExactly("10.0.0.1:9991");

		this.api.stop();
		await().atMost(WITHIN_SECONDS).ignoreExceptions().untilAsserted(() -> assertThatExceptionOfType(PeerDiscoveryException.class)
			.isThrownBy(this.discovery::peerAddresses)
			.withMessageContaining("the watch on the endpoints of Service shop/shop-spawn-peers is down"));

		this.api.restart();
		await().atMost(WITHIN_SECONDS).ignoreExceptions().untilAsserted(() -> assertThat(this.discovery.peerAddresses())
			.as("the last answer, as the watch is back").containsExactly("10.0.0.1:9991"));
		// The mock server replays no missed events to a watch that resumes: change the slices once it is back.
		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.1", "10.0.0.2");
		await().atMost(WITHIN_SECONDS).ignoreExceptions().untilAsserted(() -> assertThat(this.discovery.peerAddresses())
			.containsExactlyInAnyOrder("10.0.0.1:9991", "10.0.0.2:9991"));
	}

	@Test
	void aForbiddenWatchIsAProblemThatNamesTheMissingGrantUntilItIsAllowedAgain() {
		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.1");
		this.discovery = discovery("peer");
		this.discovery.watch(this.changes::incrementAndGet);
		assertThat(this.discovery.peerAddresses()).containsExactly("10.0.0.1:9991");

		this.api.forbid();
		await().atMost(WITHIN_SECONDS).ignoreExceptions().untilAsserted(() -> assertThatExceptionOfType(PeerDiscoveryException.class)
			.isThrownBy(this.discovery::peerAddresses)
			.withMessageContaining("403 Forbidden")
			.withMessageContaining("may not list and watch endpointslices in namespace 'shop'"));

		this.api.allow();
		await().atMost(WITHIN_SECONDS).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.discovery.peerAddresses()).containsExactly("10.0.0.1:9991"));
		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.2");
		await().atMost(WITHIN_SECONDS).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.discovery.peerAddresses()).containsExactly("10.0.0.2:9991"));
	}

	@Test
	void aMemberWhoseServerAccountIsForbiddenFromTheStartStartsAndSaysWhy() {
		this.api.forbid();
		this.discovery = discovery("peer");

		this.discovery.watch(this.changes::incrementAndGet);

		assertThatExceptionOfType(PeerDiscoveryException.class).isThrownBy(this.discovery::peerAddresses)
			.withMessageContaining("have not been listed yet")
			.withMessageContaining("403 Forbidden");
		this.api.allow();
		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.1");
		await().atMost(WITHIN_SECONDS).ignoreExceptions()
			.untilAsserted(() -> assertThat(this.discovery.peerAddresses()).isEqualTo(Set.of("10.0.0.1:9991")));
	}

	@Test
	void withoutAPortNameEveryEndpointIsOnTheConfiguredPort() {
		this.api.slice("shop-spawn-peers-a", 9991, "10.0.0.1");
		this.discovery = discovery("");
		this.discovery.watch(this.changes::incrementAndGet);

		assertThat(this.discovery.peerAddresses()).containsExactly("10.0.0.1:9990");
	}

}
