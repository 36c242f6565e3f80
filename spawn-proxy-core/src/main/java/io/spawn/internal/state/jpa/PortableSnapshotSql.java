package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hot path in plain SQL that H2 (and PostgreSQL) accept: a batch of fenced {@code INSERT ... WHERE NOT EXISTS}
 * and {@code UPDATE ... WHERE revision = ?} statements plus the history inserts, in one transaction; the lease
 * taken by {@code UPDATE}, else {@code INSERT}, and the snapshot read in the same transaction.
 */
final class PortableSnapshotSql implements SnapshotSql {

	static final String LEASE_HELD = "EXISTS (SELECT 1 FROM spawn_actor_lease l WHERE l.actor_system = ?"
			+ " AND l.actor_name = ? AND l.owner = ? AND l.expires_at > ?)";

	private static final String INSERT = "INSERT INTO spawn_actor_snapshot (actor_system, actor_name, parent,"
			+ " revision, state_type, state_bytes, tags, key_id, status, node, created_at, updated_at)"
			+ " SELECT ?, ?, ?, 1, ?, ?, ?, ?, 'ACTIVE', ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM spawn_actor_snapshot s"
			+ " WHERE s.actor_system = ? AND s.actor_name = ?) AND " + LEASE_HELD;

	private static final String UPDATE = "UPDATE spawn_actor_snapshot SET parent = ?, revision = ?, state_type = ?,"
			+ " state_bytes = ?, tags = ?, key_id = ?, node = ?, updated_at = ? WHERE actor_system = ?"
			+ " AND actor_name = ? AND revision = ? AND " + LEASE_HELD;

	static final String HISTORY = "INSERT INTO spawn_actor_snapshot_history (actor_system, actor_name,"
			+ " revision, parent, state_type, state_bytes, tags, key_id, node, created_at)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	static final String TAKE_LEASE = "UPDATE spawn_actor_lease SET owner = ?, acquired_at = ?, expires_at = ?"
			+ " WHERE actor_system = ? AND actor_name = ? AND (owner = ? OR expires_at < ?)";

	static final String INSERT_LEASE = "INSERT INTO spawn_actor_lease (actor_system, actor_name, owner,"
			+ " acquired_at, expires_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM spawn_actor_lease l"
			+ " WHERE l.actor_system = ? AND l.actor_name = ?)";

	static final String RELEASE = "DELETE FROM spawn_actor_lease WHERE actor_system = ? AND actor_name = ? AND owner = ?";

	@Override
	public boolean[] write(Jdbc jdbc, List<PendingWrite> batch, @Nullable String keyId, String node, long now) {
		return jdbc.inTransaction("commit of " + batch.size() + " snapshots", (connection) -> {
			boolean[] written = new boolean[batch.size()];
			List<Integer> inserts = new ArrayList<>();
			List<Integer> updates = new ArrayList<>();
			for (int i = 0; i < batch.size(); i++) {
				(batch.get(i).expectedRevision == 0 ? inserts : updates).add(i);
			}
			if (!inserts.isEmpty()) {
				try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
					for (int index : inserts) {
						PendingWrite w = batch.get(index);
						int p = 1;
						insert.setString(p++, w.key.system());
						insert.setString(p++, w.key.name());
						setNullable(insert, p++, w.parent);
						insert.setString(p++, w.stateType);
						insert.setBytes(p++, w.bytes);
						insert.setString(p++, w.tags);
						setNullable(insert, p++, keyId);
						insert.setString(p++, node);
						insert.setLong(p++, now);
						insert.setLong(p++, now);
						insert.setString(p++, w.key.system());
						insert.setString(p++, w.key.name());
						setLease(insert, p, w.key, node, now);
						insert.addBatch();
					}
					copy(insert.executeBatch(), inserts, written);
				}
			}
			if (!updates.isEmpty()) {
				try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
					for (int index : updates) {
						PendingWrite w = batch.get(index);
						int p = 1;
						setNullable(update, p++, w.parent);
						update.setLong(p++, w.expectedRevision + 1);
						update.setString(p++, w.stateType);
						update.setBytes(p++, w.bytes);
						update.setString(p++, w.tags);
						setNullable(update, p++, keyId);
						update.setString(p++, node);
						update.setLong(p++, now);
						update.setString(p++, w.key.system());
						update.setString(p++, w.key.name());
						update.setLong(p++, w.expectedRevision);
						setLease(update, p, w.key, node, now);
						update.addBatch();
					}
					copy(update.executeBatch(), updates, written);
				}
			}
			writeHistory(connection, batch, written, keyId, node, now);
			return written;
		});
	}

	private static void writeHistory(Connection connection, List<PendingWrite> batch, boolean[] written,
			@Nullable String keyId, String node, long now) throws SQLException {
		try (PreparedStatement history = connection.prepareStatement(HISTORY)) {
			boolean any = false;
			for (int i = 0; i < batch.size(); i++) {
				if (!written[i]) {
					continue;
				}
				PendingWrite w = batch.get(i);
				int p = 1;
				history.setString(p++, w.key.system());
				history.setString(p++, w.key.name());
				history.setLong(p++, w.expectedRevision + 1);
				setNullable(history, p++, w.parent);
				history.setString(p++, w.stateType);
				history.setBytes(p++, w.bytes);
				history.setString(p++, w.tags);
				setNullable(history, p++, keyId);
				history.setString(p++, node);
				history.setLong(p, now);
				history.addBatch();
				any = true;
			}
			if (any) {
				history.executeBatch();
			}
		}
	}

	@Override
	public LeaseOutcome acquire(Jdbc jdbc, ActorKey key, String node, long now, long expiresAt) {
		return jdbc.inTransaction("lease of actor '" + key + "'", (connection) -> {
			if (takeLease(connection, key, node, now, expiresAt)) {
				return new LeaseOutcome(true, null, 0, readSnapshot(connection, key));
			}
			try (PreparedStatement holder = connection.prepareStatement(
					"SELECT owner, expires_at FROM spawn_actor_lease WHERE actor_system = ? AND actor_name = ?")) {
				holder.setString(1, key.system());
				holder.setString(2, key.name());
				try (ResultSet rows = holder.executeQuery()) {
					return rows.next() ? new LeaseOutcome(false, rows.getString(1), rows.getLong(2), null)
							: new LeaseOutcome(false, null, expiresAt, null);
				}
			}
		});
	}

	/** Renews, takes over (expired) or creates the lease; false when another node holds it. */
	static boolean takeLease(Connection connection, ActorKey key, String node, long now, long expiresAt)
			throws SQLException {
		try (PreparedStatement take = connection.prepareStatement(TAKE_LEASE)) {
			take.setString(1, node);
			take.setLong(2, now);
			take.setLong(3, expiresAt);
			take.setString(4, key.system());
			take.setString(5, key.name());
			take.setString(6, node);
			take.setLong(7, now);
			if (take.executeUpdate() == 1) {
				return true;
			}
		}
		try (PreparedStatement insert = connection.prepareStatement(INSERT_LEASE)) {
			insert.setString(1, key.system());
			insert.setString(2, key.name());
			insert.setString(3, node);
			insert.setLong(4, now);
			insert.setLong(5, expiresAt);
			insert.setString(6, key.system());
			insert.setString(7, key.name());
			return insert.executeUpdate() == 1;
		}
	}

	@Override
	public int release(Jdbc jdbc, ActorKey key, String node) {
		return jdbc.autocommit("release of the lease of actor '" + key + "'", (connection) -> {
			try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
				release.setString(1, key.system());
				release.setString(2, key.name());
				release.setString(3, node);
				return release.executeUpdate();
			}
		});
	}

	static @Nullable SnapshotRow readSnapshot(Connection connection, ActorKey key) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT revision, parent, state_bytes, key_id"
				+ " FROM spawn_actor_snapshot WHERE actor_system = ? AND actor_name = ?")) {
			query.setString(1, key.system());
			query.setString(2, key.name());
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? new SnapshotRow(rows.getLong(1), rows.getString(2), rows.getBytes(3),
						rows.getString(4)) : null;
			}
		}
	}

	private static void setLease(PreparedStatement statement, int index, ActorKey key, String node, long now)
			throws SQLException {
		statement.setString(index++, key.system());
		statement.setString(index++, key.name());
		statement.setString(index++, node);
		statement.setLong(index, now);
	}

	static void setNullable(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.VARCHAR);
		}
		else {
			statement.setString(index, value);
		}
	}

	private static void copy(int[] counts, List<Integer> indexes, boolean[] written) throws SQLException {
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] == Statement.SUCCESS_NO_INFO) {
				// Without a row count the fence cannot be checked: refuse rather than assume the write happened.
				throw new SQLException("the JDBC driver reports no row counts for batched writes; revision fencing "
						+ "needs them (PostgreSQL and H2 report them)");
			}
			written[indexes.get(i)] = counts[i] == 1;
		}
	}

}
