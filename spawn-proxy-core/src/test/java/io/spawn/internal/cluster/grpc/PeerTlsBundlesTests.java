package io.spawn.internal.cluster.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.grpc.ManagedChannel;
import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.protocol.internal.peer.PeerCall;
import io.spawn.protocol.internal.peer.PeerServiceGrpc;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * Peer TLS from Spring Boot SSL bundles: a missing or incomplete bundle stops startup with what to define, and a
 * reloaded bundle secures the next connections with its new material.
 */
class PeerTlsBundlesTests {

	private static final String KEY = "spawn.proxy.cluster.ssl.bundle";

	static TestCertificates cluster;

	static Path expired;

	static Path valid;

	static Path client;

	@BeforeAll
	static void certificates() {
		cluster = TestCertificates.authority("cluster-ca");
		expired = cluster.member("member-1-old", true);
		valid = cluster.member("member-1-new");
		client = cluster.member("member-2");
	}

	private static SslBundle bundle(Path keys) throws GeneralSecurityException {
		return SslBundle.of(SslStoreBundle.of(TestCertificates.load(keys), TestCertificates.PASSWORD,
				TestCertificates.load(cluster.trustStore())));
	}

	@Test
	void withoutSslBundlesTheErrorSaysWhatToDefine() {
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> PeerTlsBundles.peerTls(null, "peers", null, KEY))
			.withMessageContaining(KEY)
			.satisfies((ex) -> assertThat(ex.action()).contains("spring.ssl.bundle.pem.peers"));
	}

	@Test
	void anUndefinedBundleIsNamedInTheError() {
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> PeerTlsBundles.peerTls(new DefaultSslBundleRegistry(), "peers", null, KEY))
			.withMessageContaining("'peers', which is not defined");
	}

	@Test
	void aBundleWithoutTrustMaterialIsRefused() throws GeneralSecurityException {
		DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();
		bundles.registerBundle("peers",
				SslBundle.of(SslStoreBundle.of(TestCertificates.load(valid), TestCertificates.PASSWORD, null)));
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> PeerTlsBundles.peerTls(bundles, "peers", null, KEY))
			.withMessageContaining("no truststore");
	}

	@Test
	void aReloadedBundleSecuresTheNextConnectionsWithoutARestart() throws Exception {
		DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();
		bundles.registerBundle("peers", bundle(expired));
		PeerTls tls = PeerTlsBundles.peerTls(bundles, "peers", null, KEY);
		PeerTls caller = PeerTls.of(TestCertificates.keys(client), TestCertificates.trust(cluster.trustStore()), null);
		try (PeerServerFixture server = new PeerServerFixture(tls)) {
			assertThat(reachable(server, caller)).as("with the expired certificate").isFalse();

			bundles.updateBundle("peers", bundle(valid));

			assertThat(tls.updates()).isEqualTo(1);
			assertThat(reachable(server, caller)).as("with the renewed certificate").isTrue();
		}
	}

	private static boolean reachable(PeerServerFixture server, PeerTls caller) throws InterruptedException {
		ManagedChannel channel = GrpcPeerClient.open("127.0.0.1:" + server.server.port(), caller);
		try {
			return "OK".equals(PeerServiceGrpc.newBlockingStub(channel)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.invoke(PeerCall.newBuilder()
					.setFromNode("n2")
					.setRequest(PeerServerFixture.call("sys", "a"))
					.setTimeoutMillis(5_000)
					.setHops(1)
					.build())
				.getStatus());
		}
		catch (io.grpc.StatusRuntimeException ex) {
			return false;
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
