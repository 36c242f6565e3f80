package io.spawn.proxy.grpc;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.spawn.internal.cluster.grpc.SwappableKeyManager;
import io.spawn.internal.cluster.grpc.SwappableTrustManager;
import io.spawn.proxy.config.InvalidProxyConfigurationException;
import io.spawn.proxy.config.SpawnProxyGrpcProperties.GrpcClientAuth;
import java.util.Arrays;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.log.LogAccessor;

/**
 * The contract gRPC server's TLS credentials from a Spring Boot SSL bundle ({@code spawn.proxy.grpc.ssl.bundle}):
 * the bundle's key and certificate, and its truststore for client certificates when they are asked for. The
 * material is held by swappable managers, as the peer port's is (ADR 0024), so that a reloaded bundle secures the
 * connections opened from then on without a restart.
 */
final class ContractServerTls {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(ContractServerTls.class));

	private static final String KEY = "spawn.proxy.grpc.ssl.bundle";

	private ContractServerTls() {
	}

	/**
	 * @param bundles the application's SSL bundles, null when it has none
	 * @param name the bundle's name
	 * @param clientAuth whether callers are asked for a certificate
	 * @return the server credentials
	 * @throws InvalidProxyConfigurationException when the bundle is missing or lacks what the settings need
	 */
	static ServerCredentials credentials(@Nullable SslBundles bundles, String name, GrpcClientAuth clientAuth) {
		SslBundle bundle = bundle(bundles, name);
		boolean trust = clientAuth != GrpcClientAuth.NONE;
		SwappableKeyManager keys = new SwappableKeyManager(keyManager(bundle, name));
		SwappableTrustManager trusted = trust ? new SwappableTrustManager(trustManager(bundle, name)) : null;
		TlsServerCredentials.Builder credentials = TlsServerCredentials.newBuilder().keyManager(keys);
		if (trusted != null) {
			credentials.trustManager(trusted)
				.clientAuth((clientAuth == GrpcClientAuth.REQUIRE) ? TlsServerCredentials.ClientAuth.REQUIRE
						: TlsServerCredentials.ClientAuth.OPTIONAL);
		}
		bundles.addBundleUpdateHandler(name, (updated) -> {
			try {
				X509ExtendedKeyManager key = keyManager(updated, name);
				X509ExtendedTrustManager trustManager = (trusted != null) ? trustManager(updated, name) : null;
				keys.replace(key);
				if (trusted != null && trustManager != null) {
					trusted.replace(trustManager);
				}
				logger.info(() -> "SSL bundle '" + name + "' reloaded: new gRPC connections use its new material");
			}
			catch (RuntimeException ex) {
				logger.error(ex, () -> "SSL bundle '" + name + "' was reloaded but cannot secure the gRPC port;"
						+ " keeping the previous material");
			}
		});
		return credentials.build();
	}

	private static SslBundle bundle(@Nullable SslBundles bundles, String name) {
		if (bundles == null) {
			throw new InvalidProxyConfigurationException(KEY + " names SSL bundle '" + name + "' but the application"
					+ " has no SSL bundles", hint(name));
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidProxyConfigurationException(KEY + " names SSL bundle '" + name + "', which is not"
					+ " defined", hint(name));
		}
	}

	private static String hint(String name) {
		return "Define spring.ssl.bundle.pem." + name + " (or .jks." + name + ") with the proxy's key and certificate"
				+ " (keystore), and a truststore when spawn.proxy.grpc.ssl.client-auth is optional or require.";
	}

	private static X509ExtendedKeyManager keyManager(SslBundle bundle, String name) {
		if (bundle.getStores().getKeyStore() == null) {
			throw new InvalidProxyConfigurationException("SSL bundle '" + name + "' named by " + KEY
					+ " has no keystore, so the gRPC server has no certificate to present", hint(name));
		}
		return only(bundle.getManagers().getKeyManagerFactory().getKeyManagers(), X509ExtendedKeyManager.class,
				name);
	}

	private static X509ExtendedTrustManager trustManager(SslBundle bundle, String name) {
		if (bundle.getStores().getTrustStore() == null) {
			throw new InvalidProxyConfigurationException("SSL bundle '" + name + "' named by " + KEY
					+ " has no truststore, which spawn.proxy.grpc.ssl.client-auth needs to check client certificates",
					hint(name));
		}
		return only(bundle.getManagers().getTrustManagerFactory().getTrustManagers(), X509ExtendedTrustManager.class,
				name);
	}

	private static <T> T only(Object[] managers, Class<T> type, String name) {
		return Arrays.stream(managers)
			.filter(type::isInstance)
			.map(type::cast)
			.findFirst()
			.orElseThrow(() -> new InvalidProxyConfigurationException("SSL bundle '" + name + "' named by " + KEY
					+ " holds no X.509 key or trust material", hint(name)));
	}

}
