package io.spawn.proxy.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.spawn.internal.cluster.grpc.TestCertificates;
import io.spawn.proxy.config.InvalidProxyConfigurationException;
import io.spawn.proxy.config.SpawnProxyGrpcProperties.GrpcClientAuth;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;

/**
 * TLS of the contract gRPC server from an SSL bundle, with real certificates: client certificates when required,
 * a reloaded bundle without a restart, and a clear error for a bundle that cannot serve.
 */
class ContractServerTlsTests {

	private static final TestCertificates authority = TestCertificates.authority("contract-ca");

	private static final TestCertificates otherAuthority = TestCertificates.authority("contract-other-ca");

	private final DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();

	private @Nullable GrpcServerLifecycle server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void requiredClientCertificatesRefuseACallerWithoutOneAndServeOneTheAuthoritySigned() {
		this.bundles.registerBundle("grpc", bundle(authority.member("proxy"), authority.trustStore()));
		int port = start(GrpcClientAuth.REQUIRE);

		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> check(port, TlsChannelCredentials.newBuilder()
				.trustManager(TestCertificates.trust(authority.trustStore()).getTrustManagers())
				.build()))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> check(port, client(otherAuthority.member("stranger"), authority.trustStore())))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
		assertThat(check(port, client(authority.member("caller"), authority.trustStore())))
			.isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void aReloadedBundleSecuresNewConnectionsWithoutARestart() {
		this.bundles.registerBundle("grpc", bundle(authority.member("proxy"), null));
		int port = start(GrpcClientAuth.NONE);
		ChannelCredentials trustsOther = TlsChannelCredentials.newBuilder()
			.trustManager(TestCertificates.trust(otherAuthority.trustStore()).getTrustManagers())
			.build();
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check(port, trustsOther));

		this.bundles.updateBundle("grpc", bundle(otherAuthority.member("proxy"), null));

		assertThat(check(port, trustsOther)).isEqualTo(ServingStatus.SERVING);
	}

	@Test
	void aBundleThatIsNotDefinedOrLacksATruststoreForClientCertificatesStopsTheStartup() {
		assertThatExceptionOfType(InvalidProxyConfigurationException.class)
			.isThrownBy(() -> ContractServerTls.credentials(this.bundles, "absent", GrpcClientAuth.NONE))
			.withMessageContaining("spawn.proxy.grpc.ssl.bundle names SSL bundle 'absent', which is not defined");
		this.bundles.registerBundle("keys-only", bundle(authority.member("proxy"), null));
		assertThatExceptionOfType(InvalidProxyConfigurationException.class)
			.isThrownBy(() -> ContractServerTls.credentials(this.bundles, "keys-only", GrpcClientAuth.REQUIRE))
			.withMessageContaining("has no truststore");
		assertThatExceptionOfType(InvalidProxyConfigurationException.class)
			.isThrownBy(() -> ContractServerTls.credentials(null, "any", GrpcClientAuth.NONE))
			.withMessageContaining("has no SSL bundles");
	}

	private int start(GrpcClientAuth clientAuth) {
		GrpcServerLifecycle server = new GrpcServerLifecycle(0,
				List.of(ServerServiceDefinition.builder("spawn.test.Nothing").build()), List.of(),
				ContractServerTls.credentials(this.bundles, "grpc", clientAuth));
		this.server = server;
		server.start();
		return server.port();
	}

	private static ServingStatus check(int port, ChannelCredentials credentials) {
		ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port, credentials).build();
		try {
			return HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance())
				.getStatus();
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static ChannelCredentials client(Path keyStore, Path trustStore) {
		return TlsChannelCredentials.newBuilder()
			.keyManager(TestCertificates.keys(keyStore).getKeyManagers())
			.trustManager(TestCertificates.trust(trustStore).getTrustManagers())
			.build();
	}

	private static SslBundle bundle(Path keyStore, @Nullable Path trustStore) {
		JksSslStoreDetails keys = new JksSslStoreDetails("PKCS12", null, "file:" + keyStore, TestCertificates.PASSWORD);
		JksSslStoreDetails trust = (trustStore != null)
				? new JksSslStoreDetails("PKCS12", null, "file:" + trustStore, TestCertificates.PASSWORD) : null;
		return SslBundle.of(new JksSslStoreBundle(keys, trust), SslBundleKey.of(TestCertificates.PASSWORD));
	}

}
