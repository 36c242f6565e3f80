package io.spawn.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.spawn.internal.cluster.grpc.TestCertificates;
import io.spawn.proxy.grpc.GrpcServerLifecycle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A proxy whose HTTP port ({@code server.ssl.bundle}) and contract gRPC port ({@code spawn.proxy.grpc.ssl.bundle})
 * are TLS, from one SSL bundle with a certificate made by keytool: a client that trusts the authority is served, one
 * that trusts another authority fails the handshake, and plaintext gets nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.ssl.bundle=web", "spawn.proxy.grpc.ssl.bundle=web", "spawn.proxy.grpc.port=0",
				"spawn.proxy.grpc.descriptors-dir=target/test-descriptors" })
class TlsPortsIntegrationTests {

	private static final TestCertificates authority = TestCertificates.authority("proxy-ports-ca");

	private static final TestCertificates otherAuthority = TestCertificates.authority("proxy-ports-other-ca");

	@Value("${local.server.port}")
	int port;

	@Autowired
	GrpcServerLifecycle grpc;

	@DynamicPropertySource
	static void tlsProperties(DynamicPropertyRegistry registry) {
		Path keyStore = authority.member("proxy");
		registry.add("spring.ssl.bundle.jks.web.keystore.location", () -> "file:" + keyStore);
		registry.add("spring.ssl.bundle.jks.web.keystore.password", () -> TestCertificates.PASSWORD);
		registry.add("spring.ssl.bundle.jks.web.keystore.type", () -> "PKCS12");
		registry.add("spawn.proxy.host.host", () -> "127.0.0.1");
		registry.add("spawn.proxy.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()));
	}

	@Test
	void theHttpPortServesAClientThatTrustsTheAuthority() throws Exception {
		HttpResponse<String> response = https(authority).send(
				HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/actuator/health/liveness"))
					.timeout(Duration.ofSeconds(10))
					.build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void theHttpPortRefusesTheHandshakeOfAClientThatTrustsAnotherAuthority() {
		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> https(otherAuthority).send(
				HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/actuator/health/liveness"))
					.timeout(Duration.ofSeconds(10))
					.build(),
				HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void theHttpPortAnswersPlaintextWithoutServingIt() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/liveness"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("UP");
	}

	@Test
	void theGrpcPortServesAClientThatTrustsTheAuthority() {
		HealthCheckResponse health = withChannel(
				TlsChannelCredentials.newBuilder().trustManager(trust(authority).getTrustManagers()).build(),
				(channel) -> HealthGrpc.newBlockingStub(channel)
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.check(HealthCheckRequest.getDefaultInstance()));

		assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void theGrpcPortRefusesAClientThatTrustsAnotherAuthorityAndPlaintext() {
		for (ChannelCredentials credentials : new ChannelCredentials[] {
				TlsChannelCredentials.newBuilder().trustManager(trust(otherAuthority).getTrustManagers()).build(),
				InsecureChannelCredentials.create() }) {
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> withChannel(credentials, (channel) -> HealthGrpc.newBlockingStub(channel)
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.check(HealthCheckRequest.getDefaultInstance())))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		}
	}

	private <T> T withChannel(ChannelCredentials credentials, java.util.function.Function<ManagedChannel, T> call) {
		ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", this.grpc.port(), credentials).build();
		try {
			return call.apply(channel);
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static HttpClient https(TestCertificates trusted) throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust(trusted).getTrustManagers(), null);
		return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
	}

	private static TrustManagerFactory trust(TestCertificates trusted) {
		return TestCertificates.trust(trusted.trustStore());
	}

}
