package io.spawn.proxy.config;

import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The database holding actor state and scheduled calls.
 * <p>
 * Bound under {@code spawn.proxy.database}, as a group of {@link SpawnProxyProperties}.
 */
public class SpawnProxyDatabaseProperties {

	/**
	 * Kind of database: an embedded H2 file database in the data directory, or PostgreSQL. Also read from
	 * PROXY_DATABASE_TYPE.
	 */
	private DatabaseType type = DatabaseType.H2;

	/**
	 * Host of the PostgreSQL server. Also read from PROXY_DATABASE_HOST.
	 */
	private String host = "localhost";

	/**
	 * Port of the PostgreSQL server. Also read from PROXY_DATABASE_PORT.
	 */
	private int port = 5432;

	/**
	 * Name of the PostgreSQL database. Also read from PROXY_DATABASE_NAME.
	 */
	private String name = "spawn";

	/**
	 * Database user; when unset, "postgres" for PostgreSQL and "sa" for H2. Also read from
	 * PROXY_DATABASE_USERNAME.
	 */
	private @Nullable String username;

	/**
	 * Database password. Required for a PostgreSQL server that is not on this machine. Also read from
	 * PROXY_DATABASE_SECRET.
	 */
	private @Nullable String secret;

	/**
	 * Largest number of pooled database connections.
	 */
	private int maxPoolSize = 10;

	public DatabaseType getType() {
		return this.type;
	}

	public void setType(DatabaseType type) {
		this.type = type;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getSecret() {
		return this.secret;
	}

	public void setSecret(@Nullable String secret) {
		this.secret = secret;
	}

	public int getMaxPoolSize() {
		return this.maxPoolSize;
	}

	public void setMaxPoolSize(int maxPoolSize) {
		this.maxPoolSize = maxPoolSize;
	}

	/**
	 * TLS to the PostgreSQL server.
	 */
	private final DatabaseSsl ssl = new DatabaseSsl();

	public DatabaseSsl getSsl() {
		return this.ssl;
	}


	/**
	 * TLS between the proxy and its PostgreSQL server, as the driver's sslmode and sslrootcert.
	 */
	public static class DatabaseSsl {

		/**
		 * Whether and how the connection to PostgreSQL uses TLS: "disable", "prefer" (TLS when the server offers
		 * it, unchecked), "require" (TLS, the certificate unchecked), "verify-ca" (a certificate signed by the root
		 * certificate) or "verify-full" (also naming the database host). Also read from PROXY_DATABASE_SSL (true
		 * means require, false disable).
		 */
		private DatabaseSslMode mode = DatabaseSslMode.PREFER;

		/**
		 * PEM file of the certificate authority that signs the PostgreSQL server's certificate; required by
		 * verify-ca and verify-full.
		 */
		private @Nullable Path rootCert;

		public DatabaseSslMode getMode() {
			return this.mode;
		}

		public void setMode(DatabaseSslMode mode) {
			this.mode = mode;
		}

		public @Nullable Path getRootCert() {
			return this.rootCert;
		}

		public void setRootCert(@Nullable Path rootCert) {
			this.rootCert = rootCert;
		}

	}

	/**
	 * The PostgreSQL driver's TLS modes (its sslmode), weakest first.
	 */
	public enum DatabaseSslMode {

		/** No TLS. */
		DISABLE,

		/** TLS when the server offers it, else plaintext; the certificate is not checked (the driver's default). */
		PREFER,

		/** TLS or no connection; the certificate is not checked. */
		REQUIRE,

		/** TLS with a certificate signed by the root certificate. */
		VERIFY_CA,

		/** TLS with a certificate signed by the root certificate that names the database host. */
		VERIFY_FULL;

		/** The driver's name of the mode, such as verify-full. */
		public String driverValue() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * Kinds of database the proxy runs on.
	 */
	public enum DatabaseType {

		/** An embedded H2 file database in the data directory, for a single proxy. */
		H2,

		/** A PostgreSQL server, for production and for several proxies sharing state. */
		POSTGRES

	}

}
