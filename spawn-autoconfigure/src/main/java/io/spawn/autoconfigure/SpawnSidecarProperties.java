package io.spawn.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;

/**
 * Settings of sidecar mode.
 * <p>
 * Bound under {@code spawn.sidecar}, as a group of {@link SpawnProperties}.
 */
public class SpawnSidecarProperties {

	/**
	 * Base URL of the sidecar proxy's Spawn protocol port.
	 */
	private java.net.URI proxyUrl = java.net.URI.create("http://localhost:9001");

	/**
	 * Address the host endpoint (POST /api/v1/actors/actions) binds to; loopback keeps it private to the pod.
	 */
	private String hostAddress = "127.0.0.1";

	/**
	 * Port of the host endpoint the proxy calls; 0 picks a free port.
	 */
	private int hostPort = 8090;

	/**
	 * Largest invocation the host endpoint accepts, in bytes.
	 */
	private int maxRequestBytes = 4 * 1024 * 1024;

	/**
	 * Time to open a connection to the proxy.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	/**
	 * Deadline of a call to the proxy without its own timeout.
	 */
	private Duration callTimeout = Duration.ofSeconds(30);

	/**
	 * First wait between registration attempts; doubles up to the maximum.
	 */
	private Duration registrationBackoff = Duration.ofMillis(200);

	/**
	 * Longest wait between registration attempts.
	 */
	private Duration registrationMaxBackoff = Duration.ofSeconds(5);

	/**
	 * How often to register again after the first registration, so that a restarted proxy learns the actors;
	 * 0 to register only once.
	 */
	private Duration reregistrationInterval = Duration.ofSeconds(15);

	/**
	 * Protobuf descriptor sets (such as classpath:contracts.pb, written by protoc --descriptor_set_out
	 * --include_imports) of the application's actor contracts, sent to the proxy with the registration so that
	 * it serves them as gRPC and HTTP/JSON endpoints.
	 */
	private List<Resource> contracts = new ArrayList<>();

	/**
	 * Bearer token sent on every request to the proxy and required on every call of the proxy to the host
	 * endpoint; the same value as the proxy's spawn.proxy.security.token. Unset sends and requires none.
	 */
	private @Nullable String token;

	/**
	 * File holding the bearer token (such as a mounted Kubernetes Secret), read again when it changes. Exclusive
	 * with token.
	 */
	private @Nullable Path tokenFile;

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public @Nullable Path getTokenFile() {
		return this.tokenFile;
	}

	public void setTokenFile(@Nullable Path tokenFile) {
		this.tokenFile = tokenFile;
	}

	public List<Resource> getContracts() {
		return this.contracts;
	}

	public void setContracts(List<Resource> contracts) {
		this.contracts = contracts;
	}

	public Duration getReregistrationInterval() {
		return this.reregistrationInterval;
	}

	public void setReregistrationInterval(Duration reregistrationInterval) {
		this.reregistrationInterval = reregistrationInterval;
	}

	public java.net.URI getProxyUrl() {
		return this.proxyUrl;
	}

	public void setProxyUrl(java.net.URI proxyUrl) {
		this.proxyUrl = proxyUrl;
	}

	public String getHostAddress() {
		return this.hostAddress;
	}

	public void setHostAddress(String hostAddress) {
		this.hostAddress = hostAddress;
	}

	public int getHostPort() {
		return this.hostPort;
	}

	public void setHostPort(int hostPort) {
		this.hostPort = hostPort;
	}

	public int getMaxRequestBytes() {
		return this.maxRequestBytes;
	}

	public void setMaxRequestBytes(int maxRequestBytes) {
		this.maxRequestBytes = maxRequestBytes;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public Duration getRegistrationBackoff() {
		return this.registrationBackoff;
	}

	public void setRegistrationBackoff(Duration registrationBackoff) {
		this.registrationBackoff = registrationBackoff;
	}

	public Duration getRegistrationMaxBackoff() {
		return this.registrationMaxBackoff;
	}

	public void setRegistrationMaxBackoff(Duration registrationMaxBackoff) {
		this.registrationMaxBackoff = registrationMaxBackoff;
	}


}
