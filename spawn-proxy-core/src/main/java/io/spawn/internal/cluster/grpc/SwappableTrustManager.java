package io.spawn.internal.cluster.grpc;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/** A trust manager whose trusted certificates can be replaced; each handshake asks the current one. */
public final class SwappableTrustManager extends X509ExtendedTrustManager {

	private volatile X509ExtendedTrustManager current;

	public SwappableTrustManager(X509ExtendedTrustManager current) {
		this.current = current;
	}

	public void replace(X509ExtendedTrustManager next) {
		this.current = next;
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.current.checkClientTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.current.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.current.checkClientTrusted(chain, authType, socket);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.current.checkServerTrusted(chain, authType, socket);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.current.checkClientTrusted(chain, authType, engine);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.current.checkServerTrusted(chain, authType, engine);
	}

	/**
	 * None named. A TLS server sends these names to its clients as a hint of which certificate to present, and
	 * reads them once, when its context is built: after a change of authority the old names would steer a member
	 * with a certificate of the new one to present none. Members hold one certificate each, so no hint is needed;
	 * what is trusted is decided by the check methods, from the current material.
	 */
	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return new X509Certificate[0];
	}

}
