package io.spawn.internal.cluster.grpc;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/** A key manager whose key material can be replaced; each handshake asks the current one. */
public final class SwappableKeyManager extends X509ExtendedKeyManager {

	private volatile X509ExtendedKeyManager current;

	public SwappableKeyManager(X509ExtendedKeyManager current) {
		this.current = current;
	}

	public void replace(X509ExtendedKeyManager next) {
		this.current = next;
	}

	@Override
	public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
		return this.current.getClientAliases(keyType, issuers);
	}

	@Override
	public @Nullable String chooseClientAlias(String[] keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
		return this.current.chooseClientAlias(keyType, issuers, socket);
	}

	@Override
	public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
		return this.current.getServerAliases(keyType, issuers);
	}

	@Override
	public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
		return this.current.chooseServerAlias(keyType, issuers, socket);
	}

	@Override
	public X509Certificate @Nullable [] getCertificateChain(String alias) {
		return this.current.getCertificateChain(alias);
	}

	@Override
	public @Nullable PrivateKey getPrivateKey(String alias) {
		return this.current.getPrivateKey(alias);
	}

	@Override
	public @Nullable String chooseEngineClientAlias(String[] keyType, Principal @Nullable [] issuers,
			@Nullable SSLEngine engine) {
		return this.current.chooseEngineClientAlias(keyType, issuers, engine);
	}

	@Override
	public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers,
			@Nullable SSLEngine engine) {
		return this.current.chooseEngineServerAlias(keyType, issuers, engine);
	}

}
