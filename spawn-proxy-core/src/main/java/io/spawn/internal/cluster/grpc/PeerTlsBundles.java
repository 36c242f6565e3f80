package io.spawn.internal.cluster.grpc;

import io.spawn.internal.cluster.ClusterConfigurationException;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.log.LogAccessor;

/**
 * Peer TLS from a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.*} or {@code .jks.*}), kept up to date
 * when the bundle reloads (a rotated certificate in a mounted Secret).
 */
public final class PeerTlsBundles {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(PeerTlsBundles.class));

	private PeerTlsBundles() {
	}

	/**
	 * @param bundles the application's SSL bundles
	 * @param name the bundle's name
	 * @param serverName the name every member's certificate carries, or null for the address
	 * @param key the setting that named the bundle, for messages
	 * @throws ClusterConfigurationException when there is no such bundle or it holds no key or trust material
	 */
	public static PeerTls peerTls(@Nullable SslBundles bundles, String name, @Nullable String serverName, String key) {
		if (bundles == null) {
			throw new ClusterConfigurationException(key + " names SSL bundle '" + name + "' but the application has"
					+ " no SSL bundles", "Define spring.ssl.bundle.pem." + name + " (or .jks." + name + ") with this"
							+ " member's key and certificate and the certificate authority of its cluster.");
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new ClusterConfigurationException(key + " names SSL bundle '" + name + "', which is not defined",
					"Define spring.ssl.bundle.pem." + name + " (or .jks." + name + ") with this member's key and"
							+ " certificate (keystore) and the certificate authority of its cluster (truststore).",
					ex);
		}
		PeerTls tls;
		try {
			tls = of(bundle, serverName);
		}
		catch (RuntimeException ex) {
			throw new ClusterConfigurationException("SSL bundle '" + name + "' named by " + key
					+ " cannot secure the peer port: " + ex.getMessage(), "Give the bundle both a keystore (this"
							+ " member's key and certificate) and a truststore (the cluster's certificate authority).",
					ex);
		}
		bundles.addBundleUpdateHandler(name, (updated) -> {
			try {
				tls.update(updated.getManagers().getKeyManagerFactory(),
						updated.getManagers().getTrustManagerFactory());
				logger.info(() -> "SSL bundle '" + name + "' reloaded: new peer connections use its new material");
			}
			catch (RuntimeException ex) {
				logger.error(ex, () -> "SSL bundle '" + name + "' was reloaded but cannot secure the peer port;"
						+ " keeping the previous material");
			}
		});
		return tls;
	}

	private static PeerTls of(SslBundle bundle, @Nullable String serverName) {
		if (bundle.getStores().getKeyStore() == null) {
			throw new IllegalArgumentException("it has no keystore");
		}
		if (bundle.getStores().getTrustStore() == null) {
			throw new IllegalArgumentException("it has no truststore");
		}
		return PeerTls.of(bundle.getManagers().getKeyManagerFactory(), bundle.getManagers().getTrustManagerFactory(),
				serverName);
	}

}
