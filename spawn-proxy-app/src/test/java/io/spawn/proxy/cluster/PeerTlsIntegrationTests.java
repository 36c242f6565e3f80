package io.spawn.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.spawn.internal.cluster.grpc.TestCertificates;
import io.spawn.protocol.internal.peer.PeerCall;
import io.spawn.protocol.internal.peer.PeerServiceGrpc;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two proxy JVMs whose peer port is secured by an SSL bundle from configuration alone
 * ({@code spawn.proxy.cluster.ssl.bundle} and {@code spring.ssl.bundle.jks.*}): they form one cluster and forward
 * calls to each other's actors over mutual TLS, while a plaintext client of the peer port is refused.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerTlsIntegrationTests {

	private static final String SYSTEM = "tls";

	private EmbeddedPostgres postgres;

	private CounterHost host;

	private final ClusterTestClient client = new ClusterTestClient(SYSTEM);

	private final List<ProxyProcess> members = new ArrayList<>();

	private final int[] peerPorts = new int[2];

	@BeforeAll
	void startCluster() throws Exception {
		this.postgres = EmbeddedPostgres.start();
		this.host = new CounterHost();
		TestCertificates authority = TestCertificates.authority("proxy-cluster-ca");
		this.peerPorts[0] = ProxyProcess.freePort();
		this.peerPorts[1] = ProxyProcess.freePort();
		String peers = "127.0.0.1:" + this.peerPorts[0] + ",127.0.0.1:" + this.peerPorts[1];
		for (int i = 0; i < 2; i++) {
			this.members.add(ProxyProcess.prepare("node-" + i, ProxyProcess.freePort(), this.peerPorts[i],
					settings(peers, authority.member("node-" + i), authority.trustStore())));
		}
		for (ProxyProcess member : this.members) {
			member.start();
		}
		for (ProxyProcess member : this.members) {
			member.awaitReady(Duration.ofSeconds(90));
			this.client.register(member);
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.members.stream().allMatch((m) -> this.client.viewOf(m).size() == 2));
	}

	private Map<String, String> settings(String peers, Path keyStore, Path trustStore) {
		Map<String, String> settings = ProxyProcess.memberSettings(SYSTEM, this.host.port(), "localhost",
				this.postgres.getPort(), peers);
		settings.put("spawn.proxy.cluster.ssl.bundle", "peers");
		settings.put("spring.ssl.bundle.jks.peers.keystore.location", "file:" + keyStore);
		settings.put("spring.ssl.bundle.jks.peers.keystore.password", TestCertificates.PASSWORD);
		settings.put("spring.ssl.bundle.jks.peers.keystore.type", "PKCS12");
		settings.put("spring.ssl.bundle.jks.peers.truststore.location", "file:" + trustStore);
		settings.put("spring.ssl.bundle.jks.peers.truststore.password", TestCertificates.PASSWORD);
		settings.put("spring.ssl.bundle.jks.peers.truststore.type", "PKCS12");
		return settings;
	}

	@AfterAll
	void stopCluster() throws Exception {
		for (ProxyProcess member : this.members) {
			member.close();
		}
		if (this.host != null) {
			this.host.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void callsAreForwardedToEachOwnerOverMutualTls() {
		Set<String> owners = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			String actor = "tls-" + i;
			String owner = this.client.ownerOf(this.members.get(0), actor);
			owners.add(owner);
			for (ProxyProcess member : this.members) {
				ClusterTestClient.Answer answer = this.client.add(member, actor, "counter", 1);
				assertThat(answer.status()).as("%s through %s: %s", actor, member.nodeId, answer.message())
					.isEqualTo(200);
			}
			for (ProxyProcess member : this.members) {
				assertThat(this.client.read(member, actor)).as("%s read through %s", actor, member.nodeId).isEqualTo(2);
				assertThat(this.client.activeOn(member, actor)).as("%s active on %s", actor, member.nodeId)
					.isEqualTo(member.nodeId.equals(owner));
			}
		}
		assertThat(owners).as("both members own some of the actors, so calls went both ways")
			.containsExactlyInAnyOrder("node-0", "node-1");
	}

	@Test
	void thePeerPortRefusesAPlaintextClient() throws InterruptedException {
		ManagedChannel plaintext = NettyChannelBuilder.forAddress("127.0.0.1", this.peerPorts[0]).usePlaintext().build();
		try {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> PeerServiceGrpc.newBlockingStub(plaintext)
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.invoke(PeerCall.newBuilder().setFromNode("intruder").setHops(1).build()))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
		finally {
			plaintext.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
