package io.spawn.proxy.config;

import com.zaxxer.hikari.HikariDataSource;
import io.spawn.proxy.config.SpawnProxyDatabaseProperties.DatabaseSsl;
import io.spawn.proxy.config.SpawnProxyDatabaseProperties.DatabaseSslMode;
import io.spawn.proxy.config.SpawnProxyDatabaseProperties.DatabaseType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The DataSource the durable state store runs on: with nothing configured an embedded H2 file database in the
 * data directory, with {@code spawn.proxy.database.type=postgres} a PostgreSQL server. The pool connects on first
 * use.
 */
@Configuration(proxyBeanMethods = false)
final class DataSourceConfiguration {

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

	/**
	 * Options that let the store's PostgreSQL-flavoured SQL run unchanged on H2, and that keep the database open
	 * until the pool closes: H2's own JVM shutdown hook would otherwise close it while the runtime still flushes
	 * state on SIGTERM.
	 */
	static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
			+ ";DB_CLOSE_ON_EXIT=FALSE";

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(SpawnProxyProperties properties) {
		SpawnProxyDatabaseProperties database = properties.getDatabase();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("spawn");
		dataSource.setMaximumPoolSize(positive(database.getMaxPoolSize(), "spawn.proxy.database.max-pool-size"));
		if (database.getType() == DatabaseType.POSTGRES) {
			checkCredentials(database);
			dataSource.setJdbcUrl(postgresUrl(database));
			dataSource.setUsername(StringUtils.hasText(database.getUsername()) ? database.getUsername() : "postgres");
			if (StringUtils.hasText(database.getSecret())) {
				dataSource.setPassword(database.getSecret());
			}
			ssl(database.getSsl()).forEach(dataSource::addDataSourceProperty);
		}
		else {
			dataSource.setJdbcUrl(h2Url(properties.getDataDir()));
			dataSource.setUsername(StringUtils.hasText(database.getUsername()) ? database.getUsername() : "sa");
			dataSource.setPassword(StringUtils.hasText(database.getSecret()) ? database.getSecret() : "");
		}
		return dataSource;
	}

	static String h2Url(Path dataDir) {
		String path = dataDir.toAbsolutePath().normalize().resolve("spawn").toString();
		if (path.indexOf(';') >= 0) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.data-dir '" + dataDir + "' contains ';', which an H2 database URL cannot hold",
					"Choose a data directory whose path has no ';'.");
		}
		return "jdbc:h2:file:" + path + H2_OPTIONS;
	}

	static String postgresUrl(SpawnProxyDatabaseProperties database) {
		String host = database.getHost().strip();
		if (!StringUtils.hasText(host) || host.contains("/") || host.contains("?") || host.contains("@")) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.database.host '" + host + "' is not a host name or address",
					"Set spawn.proxy.database.host (PROXY_DATABASE_HOST) to the PostgreSQL server's host name.");
		}
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		int port = database.getPort();
		if (port <= 0 || port > 65535) {
			throw new InvalidProxyConfigurationException("spawn.proxy.database.port " + port + " is not a TCP port",
					"Set spawn.proxy.database.port (PROXY_DATABASE_PORT) to a port between 1 and 65535.");
		}
		String name = database.getName();
		if (!StringUtils.hasText(name) || name.contains("/") || name.contains("?")) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.database.name '" + name + "' is not a database name",
					"Set spawn.proxy.database.name (PROXY_DATABASE_NAME) to the name of the PostgreSQL database.");
		}
		return "jdbc:postgresql://" + host + ":" + port + "/" + name;
	}

	/**
	 * The driver's TLS properties: {@code sslmode}, and {@code sslrootcert} when a root certificate is named, which
	 * must be a readable file; the verifying modes need one (never the driver's fallback in the home directory,
	 * which a container does not have).
	 */
	static Map<String, String> ssl(DatabaseSsl ssl) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("sslmode", ssl.getMode().driverValue());
		Path rootCert = ssl.getRootCert();
		boolean verifying = ssl.getMode() == DatabaseSslMode.VERIFY_CA || ssl.getMode() == DatabaseSslMode.VERIFY_FULL;
		if (rootCert == null) {
			if (verifying) {
				throw new InvalidProxyConfigurationException("spawn.proxy.database.ssl.mode is "
						+ ssl.getMode().driverValue() + " but spawn.proxy.database.ssl.root-cert is not set",
						"Set spawn.proxy.database.ssl.root-cert to the PEM file of the authority that signs the "
								+ "PostgreSQL server's certificate, or choose mode require to encrypt without checking it.");
			}
			return properties;
		}
		if (!Files.isRegularFile(rootCert) || !Files.isReadable(rootCert)) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.database.ssl.root-cert '" + rootCert + "' is not a readable file",
					"Point spawn.proxy.database.ssl.root-cert at the PEM file of the authority that signs the "
							+ "PostgreSQL server's certificate (for example a mounted Secret's ca.crt).");
		}
		properties.put("sslrootcert", rootCert.toAbsolutePath().toString());
		return properties;
	}

	/** A default or empty password is never used against a database on another machine. */
	static void checkCredentials(SpawnProxyDatabaseProperties database) {
		if (!LOCAL_HOSTS.contains(database.getHost().strip().toLowerCase(Locale.ROOT))
				&& !StringUtils.hasText(database.getSecret())) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.database.type is postgres and spawn.proxy.database.host is '" + database.getHost()
							+ "', a server on another machine, but no password is configured; the proxy never "
							+ "connects to a remote database with a default or empty password",
					"Set spawn.proxy.database.secret (or PROXY_DATABASE_SECRET), for example from a Kubernetes "
							+ "Secret.");
		}
	}

	private static int positive(int value, String key) {
		if (value <= 0) {
			throw new InvalidProxyConfigurationException(key + " must be positive, was " + value,
					"Set " + key + " to a positive number.");
		}
		return value;
	}

}
