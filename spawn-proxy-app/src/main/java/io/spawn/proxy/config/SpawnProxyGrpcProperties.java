package io.spawn.proxy.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Contract-first endpoints: users' {@code .proto} services carrying {@code option (spawn.actors.actor)}, served
 * over gRPC and, from their {@code google.api.http} rules, as HTTP/JSON on the protocol port.
 * <p>
 * Bound under {@code spawn.proxy.grpc}, as a group of {@link SpawnProxyProperties}.
 */
public class SpawnProxyGrpcProperties {

	/**
	 * Whether to serve actor contracts over gRPC (with reflection and health) and HTTP/JSON.
	 */
	private boolean enabled = true;

	/**
	 * Port of the gRPC server.
	 */
	private int port = 9980;

	/**
	 * Directory of protobuf FileDescriptorSet files (*.pb, *.desc, *.protoset) holding the actor contracts;
	 * a missing directory means no contracts.
	 */
	private Path descriptorsDir = Path.of("./descriptors");

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public Path getDescriptorsDir() {
		return this.descriptorsDir;
	}

	public void setDescriptorsDir(Path descriptorsDir) {
		this.descriptorsDir = descriptorsDir;
	}

	/**
	 * TLS on the gRPC port.
	 */
	private final GrpcSsl ssl = new GrpcSsl();

	public GrpcSsl getSsl() {
		return this.ssl;
	}


	/**
	 * TLS on the contract gRPC port, from a Spring Boot SSL bundle.
	 */
	public static class GrpcSsl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.pem.* or spring.ssl.bundle.jks.*) whose key and certificate the
		 * gRPC server presents; connections opened after the bundle reloads use its new material. Unset: the gRPC
		 * port is plaintext.
		 */
		private @Nullable String bundle;

		/**
		 * Whether callers must present a certificate the bundle's truststore signs: "none", "optional" (checked when
		 * presented) or "require".
		 */
		private GrpcClientAuth clientAuth = GrpcClientAuth.NONE;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public GrpcClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(GrpcClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

	}

	/**
	 * Whether the gRPC server asks its callers for a certificate.
	 */
	public enum GrpcClientAuth {

		/** No client certificate is asked for. */
		NONE,

		/** A client certificate is asked for and checked when presented. */
		OPTIONAL,

		/** A client certificate the truststore signs is required. */
		REQUIRE

	}

}
