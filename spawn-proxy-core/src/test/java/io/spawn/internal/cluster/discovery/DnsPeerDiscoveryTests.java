package io.spawn.internal.cluster.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * DNS discovery: every address of the name on the configured port, resolved every poll; a failing lookup keeps
 * the last answer in the membership and says why.
 */
class DnsPeerDiscoveryTests {

	private final AtomicReference<Object> records = new AtomicReference<>(List.of());

	private final DnsPeerDiscovery.Resolver resolver = (name) -> {
		Object answer = this.records.get();
		if (answer instanceof UnknownHostException failure) {
			throw failure;
		}
		@SuppressWarnings("unchecked")
		List<InetAddress> addresses = (List<InetAddress>) answer;
		return addresses;
	};

	private static InetAddress ip(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void everyAddressOfTheNameIsACandidateOnThePeerPort() {
		this.records.set(List.of(ip("10.0.0.1"), ip("10.0.0.2"), ip("fd00::7")));
		DnsPeerDiscovery discovery = new DnsPeerDiscovery("shop-spawn-peers", 9990, Duration.ofSeconds(3),
				this.resolver);

		assertThat(discovery.peerAddresses()).containsExactlyInAnyOrder("10.0.0.1:9990", "10.0.0.2:9990",
				"[fd00:0:0:0:0:0:0:7]:9990");
	}

	@Test
	void theNameIsResolvedAgainEveryPollAndAChangeWakesTheMembership() {
		this.records.set(List.of(ip("10.0.0.1")));
		AtomicInteger changes = new AtomicInteger();
		try (DnsPeerDiscovery discovery = new DnsPeerDiscovery("peers", 9990, Duration.ofMillis(50),
				this.resolver)) {
			discovery.watch(changes::incrementAndGet);
			assertThat(discovery.peerAddresses()).containsExactly("10.0.0.1:9990");

			this.records.set(List.of(ip("10.0.0.1"), ip("10.0.0.2")));
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(discovery.peerAddresses())
				.containsExactlyInAnyOrder("10.0.0.1:9990", "10.0.0.2:9990"));
			assertThat(changes).hasPositiveValue();
		}
	}

	@Test
	void aFailingLookupIsAProblemUntilTheNameResolvesAgain() {
		this.records.set(List.of(ip("10.0.0.1")));
		DnsPeerDiscovery discovery = new DnsPeerDiscovery("peers.shop.svc.cluster.local", 9990,
				Duration.ofSeconds(3), this.resolver);
		assertThat(discovery.peerAddresses()).containsExactly("10.0.0.1:9990");

		this.records.set(new UnknownHostException("peers.shop.svc.cluster.local: Name or service not known"));
		discovery.poll();
		assertThatExceptionOfType(PeerDiscoveryException.class).isThrownBy(discovery::peerAddresses)
			.withMessage("DNS lookup of 'peers.shop.svc.cluster.local' does not resolve"
					+ " (peers.shop.svc.cluster.local: Name or service not known)");

		this.records.set(List.of());
		discovery.poll();
		assertThatExceptionOfType(PeerDiscoveryException.class).isThrownBy(discovery::peerAddresses)
			.withMessageContaining("no A or AAAA records");

		this.records.set(List.of(ip("10.0.0.2")));
		discovery.poll();
		assertThat(discovery.peerAddresses()).containsExactly("10.0.0.2:9990");
	}

	@Test
	void theSystemResolverFindsLocalhost() throws UnknownHostException {
		assertThat(DnsPeerDiscovery.systemResolver().resolve("localhost")).contains(ip("127.0.0.1"));
		assertThat(new DnsPeerDiscovery("localhost", 9990, Duration.ofSeconds(3), DnsPeerDiscovery.systemResolver())
			.peerAddresses()).contains("127.0.0.1:9990");
	}

	@Test
	void aQualifiedNameIsAskedOfTheDnsServerEachTimeWithoutTheJvmsCache() throws Exception {
		try (FakeDnsServer dns = new FakeDnsServer()) {
			String name = "shop-spawn-peers.shop.svc.cluster.local";
			dns.answer(name, List.of(ip("10.0.0.1"), ip("fd00::1")));
			assertThat(DnsPeerDiscovery.directLookup(name, dns.url())).containsExactly(ip("10.0.0.1"), ip("fd00::1"));

			dns.answer(name, List.of(ip("10.0.0.1"), ip("10.0.0.2")));
			assertThat(DnsPeerDiscovery.directLookup(name, dns.url())).containsExactly(ip("10.0.0.1"),
					ip("10.0.0.2"));

			dns.forget(name);
			assertThatExceptionOfType(javax.naming.NameNotFoundException.class)
				.isThrownBy(() -> DnsPeerDiscovery.directLookup(name, dns.url()));
		}
	}

}
