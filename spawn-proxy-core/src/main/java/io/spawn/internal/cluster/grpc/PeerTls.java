package io.spawn.internal.cluster.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Mutual TLS on the peer port: every member presents its certificate and accepts only members whose certificate
 * the trust material signs, in both directions. The key and trust material can be replaced while the member runs
 * ({@link #update}, for a rotated certificate): connections opened afterwards use the new material, connections
 * already open keep theirs until they close.
 * <p>
 * Host names are checked as in any TLS client: the peer's certificate must name the address it is reached at, or
 * {@code serverName} when one is given (every member's certificate then carries that one name, for example the
 * headless Service's, and members are reached by pod IP).
 */
public final class PeerTls {

	private final SwappableKeyManager keyManager;

	private final SwappableTrustManager trustManager;

	private final @Nullable String serverName;

	private final AtomicLong updates = new AtomicLong();

	private PeerTls(SwappableKeyManager keyManager, SwappableTrustManager trustManager, @Nullable String serverName) {
		this.keyManager = keyManager;
		this.trustManager = trustManager;
		this.serverName = serverName;
	}

	/**
	 * @param keys this member's key and certificate chain
	 * @param trust the certificates that sign the members' certificates
	 * @param serverName the name every member's certificate carries, or null to check the address itself
	 * @throws IllegalArgumentException when either factory has no X.509 manager
	 */
	public static PeerTls of(KeyManagerFactory keys, TrustManagerFactory trust, @Nullable String serverName) {
		return new PeerTls(new SwappableKeyManager(keyManagerOf(keys)), new SwappableTrustManager(trustManagerOf(trust)),
				(serverName == null || serverName.isBlank()) ? null : serverName);
	}

	/** Replaces the key and trust material for the connections opened from now on. */
	public void update(KeyManagerFactory keys, TrustManagerFactory trust) {
		X509ExtendedKeyManager key = keyManagerOf(keys);
		X509ExtendedTrustManager trusted = trustManagerOf(trust);
		this.keyManager.replace(key);
		this.trustManager.replace(trusted);
		this.updates.incrementAndGet();
	}

	/** How often the material was replaced since this member started. */
	public long updates() {
		return this.updates.get();
	}

	@Nullable String serverName() {
		return this.serverName;
	}

	ServerCredentials serverCredentials() {
		return TlsServerCredentials.newBuilder()
			.keyManager(this.keyManager)
			.trustManager(this.trustManager)
			.clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
			.build();
	}

	ChannelCredentials channelCredentials() {
		return TlsChannelCredentials.newBuilder().keyManager(this.keyManager).trustManager(this.trustManager).build();
	}

	private static X509ExtendedKeyManager keyManagerOf(KeyManagerFactory factory) {
		return only(factory.getKeyManagers(), X509ExtendedKeyManager.class, "key");
	}

	private static X509ExtendedTrustManager trustManagerOf(TrustManagerFactory factory) {
		return only(factory.getTrustManagers(), X509ExtendedTrustManager.class, "trust");
	}

	private static <T> T only(Object[] managers, Class<T> type, String what) {
		return Arrays.stream(managers)
			.filter(type::isInstance)
			.map(type::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("the peer TLS " + what + " material has no X.509 "
					+ what + " manager (is it a key store of certificates?)"));
	}

}
