package io.spawn.internal.cluster.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.protobuf.Int64Value;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.spawn.protocol.internal.peer.PeerCall;
import io.spawn.protocol.internal.peer.PeerReply;
import io.spawn.protocol.internal.peer.PeerServiceGrpc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS on the peer port with real certificates: only a member whose certificate the cluster's authority
 * signed gets a call through, in either direction; a certificate that expired, one from another authority, none
 * at all and plaintext are refused in the handshake and run nothing; replaced key or trust material takes effect
 * for new connections without a restart.
 */
class PeerTlsTests {

	static TestCertificates cluster;

	static TestCertificates stranger;

	/** Key stores by member name, made once for the class (keytool is a process per step). */
	static final java.util.Map<String, Path> stores = new java.util.HashMap<>();

	private final List<AutoCloseable> opened = new ArrayList<>();

	@BeforeAll
	static void certificates() {
		cluster = TestCertificates.authority("cluster-ca");
		stranger = TestCertificates.authority("stranger-ca");
		for (String name : List.of("member-1", "member-2", "member-1-new")) {
			stores.put(name, cluster.member(name));
		}
		stores.put("expired-member", cluster.member("expired-member", true));
		stores.put("member-1-old", cluster.member("member-1-old", true));
		stores.put("intruder", stranger.member("intruder"));
		stores.put("impostor", stranger.member("impostor"));
		stores.put("moved-member", stranger.member("moved-member"));
	}

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.opened.size() - 1; i >= 0; i--) {
			this.opened.get(i).close();
		}
	}

	private static PeerTls member(String name, TestCertificates trusted) {
		return PeerTls.of(TestCertificates.keys(stores.get(name)), TestCertificates.trust(trusted.trustStore()), null);
	}

	private PeerServerFixture server(PeerTls tls) {
		PeerServerFixture fixture = new PeerServerFixture(tls);
		this.opened.add(fixture);
		return fixture;
	}

	private ManagedChannel channel(PeerServerFixture server, @Nullable PeerTls tls) {
		ManagedChannel channel = GrpcPeerClient.open("127.0.0.1:" + server.server.port(), tls);
		this.opened.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
		return channel;
	}

	private static PeerReply invoke(ManagedChannel channel) {
		return PeerServiceGrpc.newBlockingStub(channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.invoke(PeerCall.newBuilder()
				.setFromNode("n2")
				.setRequest(PeerServerFixture.call("sys", "a"))
				.setTimeoutMillis(5_000)
				.setHops(1)
				.build());
	}

	private static void assertRefused(ManagedChannel channel, PeerServerFixture server) {
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> invoke(channel))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		assertThat(server.hostCalls).as("nothing ran").hasValue(0);
		assertThat(server.runtime.activeActors()).isZero();
	}

	@Test
	void aMemberWithACertificateOfTheClusterGetsItsCallThrough() throws Exception {
		PeerServerFixture server = server(member("member-1", cluster));

		PeerReply reply = invoke(channel(server, member("member-2", cluster)));

		assertThat(reply.getStatus()).isEqualTo("OK");
		assertThat(reply.getResponse().getValue().unpack(Int64Value.class).getValue()).isEqualTo(42);
		assertThat(server.hostCalls).hasValue(1);
	}

	@Test
	void aCertificateFromAnotherAuthorityIsRefused() {
		PeerServerFixture server = server(member("member-1", cluster));

		assertRefused(channel(server, member("intruder", cluster)), server);
	}

	@Test
	void aClientWithoutACertificateIsRefused() {
		PeerServerFixture server = server(member("member-1", cluster));
		PeerTls trustOnly = PeerTls.of(TestCertificates.keys(cluster.trustStore()),
				TestCertificates.trust(cluster.trustStore()), null);

		assertRefused(channel(server, trustOnly), server);
	}

	@Test
	void plaintextIsRefused() {
		PeerServerFixture server = server(member("member-1", cluster));
		ManagedChannel plaintext = NettyChannelBuilder.forAddress("127.0.0.1", server.server.port())
			.usePlaintext()
			.build();
		this.opened.add(() -> plaintext.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));

		assertRefused(plaintext, server);
	}

	@Test
	void anExpiredCertificateIsRefused() {
		PeerServerFixture server = server(member("member-1", cluster));

		assertRefused(channel(server, member("expired-member", cluster)), server);
	}

	@Test
	void aMemberRefusesAServerWhoseCertificateItDoesNotTrust() {
		PeerServerFixture server = server(member("impostor", stranger));

		assertRefused(channel(server, member("member-2", cluster)), server);
	}

	@Test
	void anExpiredCertificateReplacedWhileRunningWorksWithoutARestart() {
		PeerTls tls = member("member-1-old", cluster);
		PeerServerFixture server = server(tls);
		PeerTls client = member("member-2", cluster);
		assertRefused(channel(server, client), server);

		tls.update(TestCertificates.keys(stores.get("member-1-new")), TestCertificates.trust(cluster.trustStore()));

		assertThat(invoke(channel(server, client)).getStatus()).isEqualTo("OK");
		assertThat(tls.updates()).isEqualTo(1);
	}

	@Test
	void replacedTrustAdmitsTheNewAuthorityWithoutARestart() {
		PeerTls tls = member("member-1", cluster);
		PeerServerFixture server = server(tls);
		PeerTls newcomer = PeerTls.of(TestCertificates.keys(stores.get("moved-member")),
				TestCertificates.trust(cluster.trustStore()), null);
		assertRefused(channel(server, newcomer), server);

		tls.update(TestCertificates.keys(stores.get("member-1")),
				TestCertificates.trust(stranger.trustStore()));

		assertThat(invoke(channel(server, newcomer)).getStatus()).isEqualTo("OK");
	}

}
