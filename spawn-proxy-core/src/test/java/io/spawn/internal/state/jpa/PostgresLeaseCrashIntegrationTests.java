package io.spawn.internal.state.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.LeaseUnavailableException;
import io.spawn.internal.state.StaleRevisionException;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.time.ManualRuntimeClock;
import io.spawn.protocol.actors.ActorState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lease is committed without waiting for its WAL flush. This shows, on a PostgreSQL server with {@code fsync}
 * and {@code synchronous_commit} on that crashes (immediate shutdown: no checkpoint, unflushed WAL lost), that
 * such a lease is then simply not held, that a durable write carries its lease to disk with it, and that the
 * crash never leaves two nodes able to commit one actor.
 */
class PostgresLeaseCrashIntegrationTests {

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.toClose.size() - 1; i >= 0; i--) {
			this.toClose.get(i).close();
		}
	}

	private static EmbeddedPostgres server(Path data, int port) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			// No background flush of asynchronous commits before the crash (the WAL writer's longest delay).
			.setServerConfig("wal_writer_delay", "10000ms")
			.setServerConfig("autovacuum", "off");
		if (port > 0) {
			builder.setPort(port);
		}
		return builder.start();
	}

	@Test
	void leaseLostInACrashIsNotHeldAndNeverMakesTwoHolders() throws Exception {
		Path data = Files.createTempDirectory("spawn-pg-crash");
		EmbeddedPostgres server = server(data, 0);
		int port = server.getPort();
		HikariDataSource database = TestDatabases.pool(server.getJdbcUrl("postgres", "postgres"), "postgres",
				"postgres");
		this.toClose.add(database);
		ManualRuntimeClock clock = new ManualRuntimeClock(Instant.parse("2026-01-01T00:00:00Z"));
		JpaStatePersistence nodeA = JpaStatePersistence.start(database, PersistenceSettings.defaults("node-a"), clock);
		this.toClose.add(nodeA);
		ActorKey written = new ActorKey("sys", "written");
		ActorKey leasedOnly = new ActorKey("sys", "leased-only");
		nodeA.stateStore().acquireLease(written);
		nodeA.stateStore().write(written, null, state(1), 0);
		nodeA.stateStore().acquireLease(leasedOnly);
		assertThat(unflushedWal(database)).as("the last lease commit did not wait for its WAL flush").isTrue();

		crash(server, data);
		EmbeddedPostgres restarted = server(data, port);
		this.toClose.add(0, restarted);

		// The pool reconnects to the restarted server within a few tries.
		JpaStatePersistence nodeB = await().atMost(Duration.ofSeconds(60))
			.ignoreExceptionsInstanceOf(StateStoreException.class)
			.until(() -> JpaStatePersistence.start(database, PersistenceSettings.defaults("node-b"), clock),
					(started) -> started != null);
		this.toClose.add(nodeB);
		assertThatThrownBy(() -> nodeB.stateStore().acquireLease(written))
			.as("a durable write flushed the lease taken before it").isInstanceOf(LeaseUnavailableException.class)
			.hasMessageContaining("node 'node-a'");
		assertThat(leaseRows(database, leasedOnly)).as("the unflushed lease is not held").isZero();

		nodeB.stateStore().acquireLease(leasedOnly);
		// Node A still believes it holds the actor, but the fence refuses its writes: one holder only.
		assertThat(retryingUntilReachable(() -> outcome(() -> nodeA.stateStore().write(leasedOnly, null, state(666), 0))))
			.isEqualTo("refused");
		assertThat(nodeB.stateStore().write(leasedOnly, null, state(2), 0)).isEqualTo(1);
		assertThat(outcome(() -> nodeA.stateStore().write(written, null, state(3), 1))).as("A keeps its durable lease")
			.isEqualTo("written");
	}

	private static ActorState state(long value) {
		return ActorState.newBuilder().setState(Any.pack(Int64Value.of(value))).build();
	}

	private static String outcome(Supplier<Long> write) {
		try {
			write.get();
			return "written";
		}
		catch (StaleRevisionException ex) {
			return "refused";
		}
	}

	/** The first calls after the restart may meet pooled connections to the dead server. */
	private static String retryingUntilReachable(Supplier<String> call) {
		String[] result = new String[1];
		await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(StateStoreException.class).until(() -> {
			result[0] = call.get();
			return true;
		});
		return result[0];
	}

	private static boolean unflushedWal(HikariDataSource database) throws Exception {
		try (Connection connection = database.getConnection();
				PreparedStatement query = connection
					.prepareStatement("SELECT pg_current_wal_flush_lsn() < pg_current_wal_insert_lsn()");
				ResultSet rows = query.executeQuery()) {
			rows.next();
			return rows.getBoolean(1);
		}
	}

	private static long leaseRows(HikariDataSource database, ActorKey key) {
		return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			try (Connection connection = database.getConnection();
					PreparedStatement query = connection.prepareStatement(
							"SELECT COUNT(*) FROM spawn_actor_lease WHERE actor_system = ? AND actor_name = ?")) {
				query.setString(1, key.system());
				query.setString(2, key.name());
				try (ResultSet rows = query.executeQuery()) {
					rows.next();
					return rows.getLong(1);
				}
			}
		}, (count) -> count != null);
	}

	/** Immediate shutdown (SIGQUIT to the postmaster): what a crash of the server leaves on disk. */
	private static void crash(EmbeddedPostgres server, Path data) throws Exception {
		long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
		ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
		assertThat(new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).start().waitFor()).isZero();
		postmaster.onExit().get(30, TimeUnit.SECONDS);
		try {
			// Releases zonky's lock on the data directory; the server is already gone.
			server.close();
		}
		catch (IOException | RuntimeException ignored) {
			// pg_ctl stop finds no server
		}
	}

}
