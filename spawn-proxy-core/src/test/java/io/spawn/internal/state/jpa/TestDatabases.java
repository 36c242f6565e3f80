package io.spawn.internal.state.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Real databases for the persistence tests: a fresh in-memory H2 database, or a fresh database on one embedded
 * PostgreSQL server (a real server binary, started once per JVM).
 */
public final class TestDatabases {

	private static EmbeddedPostgres postgres;

	private TestDatabases() {
	}

	public static HikariDataSource h2() {
		return pool("jdbc:h2:mem:spawn-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL", "sa", "");
	}

	public static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ignored) {
					// The JVM is going away.
				}
			}));
		}
		return postgres;
	}

	/** A new, empty database on the shared embedded PostgreSQL server. */
	public static HikariDataSource postgresDatabase() {
		String name = "spawn_" + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = postgres().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return pool(postgres().getJdbcUrl("postgres", name), "postgres", "postgres");
	}

	public static HikariDataSource pool(String url, String user, String password) {
		return pool(url, user, password, 16);
	}

	public static HikariDataSource pool(String url, String user, String password, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(size);
		config.setConnectionTimeout(2_000);
		config.setValidationTimeout(1_000);
		if (url.startsWith("jdbc:postgresql:")) {
			// A read from a server that went away must fail, not wait forever.
			config.addDataSourceProperty("socketTimeout", "10");
			config.addDataSourceProperty("connectTimeout", "2");
		}
		return new HikariDataSource(config);
	}

}
