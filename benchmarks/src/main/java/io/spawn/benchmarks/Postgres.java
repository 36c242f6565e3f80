package io.spawn.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One embedded PostgreSQL server (zonky's real binary) for the persistence benchmarks, started with
 * {@code fsync = on} and {@code synchronous_commit = on}: zonky turns both off by default (it starts the server
 * with {@code -F} and {@code -c synchronous_commit=off}), which would make every commit free of its WAL flush.
 */
final class Postgres implements AutoCloseable {

	private final EmbeddedPostgres server;

	private final Path dataDirectory;

	private final List<HikariDataSource> pools = new ArrayList<>();

	private Postgres(EmbeddedPostgres server, Path dataDirectory) {
		this.server = server;
		this.dataDirectory = dataDirectory;
	}

	static Postgres start() throws IOException {
		Path data = Files.createTempDirectory("spawn-bench-pg");
		EmbeddedPostgres server = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(true)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "300")
			.start();
		return new Postgres(server, data);
	}

	Path dataDirectory() {
		return this.dataDirectory;
	}

	void createDatabase(String name) throws SQLException {
		try (Connection connection = this.server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
	}

	/**
	 * The JDBC URL of a database, for an application that makes its own pool.
	 * @param database the database
	 * @return the URL
	 */
	String jdbcUrl(String database) {
		return this.server.getJdbcUrl("postgres", database);
	}

	/**
	 * A connection pool on a database.
	 * @param database the database
	 * @param size the pool's size
	 * @param synchronousCommit whether commits wait for the WAL flush (the server's setting) or not
	 */
	HikariDataSource pool(String database, int size, boolean synchronousCommit) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.server.getJdbcUrl("postgres", database));
		config.setUsername("postgres");
		config.setPassword("postgres");
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(size);
		config.setConnectionTimeout(30_000);
		config.setPoolName(database + (synchronousCommit ? "" : "-async"));
		if (!synchronousCommit) {
			config.setConnectionInitSql("SET synchronous_commit = off");
		}
		HikariDataSource pool = new HikariDataSource(config);
		this.pools.add(pool);
		return pool;
	}

	/** The server settings that decide what a commit costs, as the server reports them. */
	String durabilitySettings() throws SQLException {
		StringBuilder settings = new StringBuilder("PostgreSQL ");
		try (Connection connection = this.server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			for (String name : List.of("server_version", "fsync", "synchronous_commit", "wal_sync_method",
					"full_page_writes", "commit_delay", "shared_buffers")) {
				try (var rows = statement.executeQuery("SHOW " + name)) {
					rows.next();
					settings.append(name.equals("server_version") ? "" : ", " + name + "=").append(rows.getString(1));
				}
			}
		}
		return settings.append(" (data in ").append(this.dataDirectory).append(')').toString();
	}

	static void execute(HikariDataSource pool, String sql) throws SQLException {
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@Override
	public void close() throws IOException {
		for (HikariDataSource pool : this.pools) {
			pool.close();
		}
		this.server.close();
	}

	// ----------------------------------------------------------------------------------------------------------
	// pg_test_fsync
	// ----------------------------------------------------------------------------------------------------------

	/**
	 * Runs {@code pg_test_fsync} on a file in {@code directory} (the disk PostgreSQL writes its WAL to), when a
	 * binary can be found: {@code $PG_TEST_FSYNC}, {@code /usr/lib/postgresql/STAR/bin}, or on the PATH.
	 * @return the fdatasync rate of one 8 kB write (PostgreSQL's default wal_sync_method on Linux), or a reason
	 */
	static String fsyncRate(Path directory, int secondsPerTest, Path saveOutputTo) {
		Path binary = findPgTestFsync();
		if (binary == null) {
			return "not measured: no pg_test_fsync binary (zonky's bundle does not ship it; install postgresql)";
		}
		Path file = directory.resolve("pg_test_fsync.out");
		try {
			Process process = new ProcessBuilder(binary.toString(), "-f", file.toString(), "-s",
					Integer.toString(secondsPerTest))
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(10, TimeUnit.MINUTES);
			Files.deleteIfExists(file);
			Files.createDirectories(saveOutputTo.toAbsolutePath().getParent());
			Files.writeString(saveOutputTo, output);
			String rate = null;
			boolean oneWrite = false;
			for (String line : output.split("\n")) {
				if (line.contains("one 8kB write")) {
					oneWrite = true;
				}
				else if (line.startsWith("Compare") || line.startsWith("Non-sync")) {
					oneWrite = false;
				}
				if (oneWrite && line.strip().startsWith("fdatasync") && line.contains("ops/sec")) {
					rate = line.strip().replaceAll("\\s+", " ");
				}
			}
			return (rate != null)
					? String.format(Locale.ROOT, "%s (one 8 kB write, %s)", rate.replace("fdatasync ", ""),
							binary)
					: "pg_test_fsync gave no fdatasync line; see " + saveOutputTo;
		}
		catch (IOException ex) {
			return "not measured: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "not measured: interrupted";
		}
	}

	private static @Nullable Path findPgTestFsync() {
		String configured = System.getenv("PG_TEST_FSYNC");
		if (configured != null && Files.isExecutable(Path.of(configured))) {
			return Path.of(configured);
		}
		Path versions = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(versions)) {
			try (Stream<Path> list = Files.list(versions)) {
				Path found = list.map((version) -> version.resolve("bin/pg_test_fsync"))
					.filter(Files::isExecutable)
					.sorted()
					.reduce((first, second) -> second)
					.orElse(null);
				if (found != null) {
					return found;
				}
			}
			catch (IOException ex) {
				// fall through to the PATH
			}
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String entry : path.split(":")) {
				Path candidate = Path.of(entry, "pg_test_fsync");
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

}
