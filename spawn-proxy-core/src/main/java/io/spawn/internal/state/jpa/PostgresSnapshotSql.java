package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hot path on PostgreSQL in one round trip each. A batch of writes is one autocommitted statement: a CTE over
 * {@code unnest} of arrays that checks each row's lease (the fence), upserts the snapshots whose stored revision is
 * the expected one (the revision fence, in the upsert's {@code WHERE}) and inserts their history rows. A lease is one upsert that also reads the snapshot, committed with {@code synchronous_commit = off}
 * (set inside the statement): a lease lost in a crash is simply not held, and any durable write after it flushes
 * it too, because the WAL is flushed in order.
 */
final class PostgresSnapshotSql implements SnapshotSql {

	/*
	 * Every lookup is by primary key whatever the statistics: the lease as a scalar subquery per row (a join was
	 * planned as a scan of all this node's leases by owner), and the snapshot through the upsert's arbiter index (an
	 * UPDATE ... FROM was planned over another index). An update whose row is gone (deleted) must not insert, so
	 * rows with an expected revision need their snapshot to exist.
	 *
	 * Each array reaches unnest through a scalar subquery, so a custom plan cannot see how many rows it holds and
	 * estimates ten, as the generic plan does. With equal estimates PostgreSQL's plan_cache_mode=auto settles on the
	 * generic plan after five executions of the prepared statement; with the arrays visible it chose a custom plan,
	 * planned anew on every write, forever (planning 0.5-1.9 ms against 0.2-0.8 ms of execution, measured with
	 * EXPLAIN ANALYZE and benchmarks/pg-write-breakdown.sh). A session setting would do the same but would also
	 * change the plans of an embedding application's own queries on the connections it shares with the store.
	 */
	private static final String WRITE = "WITH input AS (SELECT * FROM unnest((SELECT ?::varchar[]),"
			+ " (SELECT ?::varchar[]), (SELECT ?::varchar[]), (SELECT ?::bigint[]), (SELECT ?::varchar[]),"
			+ " (SELECT ?::bytea[]), (SELECT ?::text[]))"
			+ " AS t(actor_system, actor_name, parent, expected, state_type, state_bytes, tags)),"
			+ " leased AS (SELECT i.* FROM input i WHERE (SELECT l.owner FROM spawn_actor_lease l"
			+ " WHERE l.actor_system = i.actor_system AND l.actor_name = i.actor_name AND l.expires_at > ?::bigint)"
			+ " = ?::varchar AND (i.expected = 0 OR EXISTS (SELECT 1 FROM spawn_actor_snapshot e"
			+ " WHERE e.actor_system = i.actor_system AND e.actor_name = i.actor_name))),"
			+ " written AS (INSERT INTO spawn_actor_snapshot AS s (actor_system, actor_name, parent, revision,"
			+ " state_type, state_bytes, tags, key_id, status, node, created_at, updated_at)"
			+ " SELECT x.actor_system, x.actor_name, x.parent, x.expected + 1, x.state_type, x.state_bytes, x.tags,"
			+ " ?::varchar, 'ACTIVE', ?::varchar, ?::bigint, ?::bigint FROM leased x"
			+ " ON CONFLICT (actor_system, actor_name) DO UPDATE SET parent = EXCLUDED.parent,"
			+ " revision = EXCLUDED.revision, state_type = EXCLUDED.state_type, state_bytes = EXCLUDED.state_bytes,"
			+ " tags = EXCLUDED.tags, key_id = EXCLUDED.key_id, node = EXCLUDED.node, updated_at = EXCLUDED.updated_at"
			+ " WHERE s.revision = EXCLUDED.revision - 1"
			+ " RETURNING s.actor_system, s.actor_name, s.revision),"
			+ " history AS (INSERT INTO spawn_actor_snapshot_history (actor_system, actor_name, revision, parent,"
			+ " state_type, state_bytes, tags, key_id, node, created_at) SELECT w.actor_system, w.actor_name,"
			+ " w.revision, i.parent, i.state_type, i.state_bytes, i.tags, ?::varchar, ?::varchar, ?::bigint"
			+ " FROM written w JOIN input i ON i.actor_system = w.actor_system AND i.actor_name = w.actor_name)"
			+ " SELECT actor_system, actor_name FROM written";

	private static final String RELAXED = "relaxed AS (SELECT set_config('synchronous_commit', 'off', true) AS v)";

	private static final String ACQUIRE = "WITH " + RELAXED + ", taken AS (INSERT INTO spawn_actor_lease AS l"
			+ " (actor_system, actor_name, owner, acquired_at, expires_at) SELECT ?, ?, ?, ?, ? FROM relaxed"
			+ " ON CONFLICT (actor_system, actor_name) DO UPDATE SET owner = EXCLUDED.owner,"
			+ " acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at"
			+ " WHERE l.owner = EXCLUDED.owner OR l.expires_at < ? RETURNING 1 AS one)"
			+ " SELECT (SELECT count(*) FROM taken), h.owner, h.expires_at, s.revision, s.parent, s.state_bytes,"
			+ " s.key_id FROM (SELECT 1 AS one) o"
			+ " LEFT JOIN spawn_actor_lease h ON h.actor_system = ? AND h.actor_name = ?"
			+ " LEFT JOIN spawn_actor_snapshot s ON s.actor_system = ? AND s.actor_name = ?";

	private static final String RELEASE = "WITH " + RELAXED + " DELETE FROM spawn_actor_lease WHERE actor_system = ?"
			+ " AND actor_name = ? AND owner = ? AND (SELECT v FROM relaxed) IS NOT NULL";

	@Override
	public boolean[] write(Jdbc jdbc, List<PendingWrite> batch, @Nullable String keyId, String node, long now) {
		return jdbc.autocommit("commit of " + batch.size() + " snapshots", (connection) -> {
			int size = batch.size();
			String[] systems = new String[size];
			String[] names = new String[size];
			String[] parents = new String[size];
			Long[] expected = new Long[size];
			String[] types = new String[size];
			byte[][] bytes = new byte[size][];
			String[] tags = new String[size];
			Map<ActorKey, Integer> index = new HashMap<>(size * 2);
			for (int i = 0; i < size; i++) {
				PendingWrite w = batch.get(i);
				systems[i] = w.key.system();
				names[i] = w.key.name();
				parents[i] = w.parent;
				expected[i] = w.expectedRevision;
				types[i] = w.stateType;
				bytes[i] = w.bytes;
				tags[i] = w.tags;
				index.put(w.key, i);
			}
			boolean[] written = new boolean[size];
			try (PreparedStatement write = connection.prepareStatement(WRITE)) {
				int p = 1;
				write.setArray(p++, connection.createArrayOf("varchar", systems));
				write.setArray(p++, connection.createArrayOf("varchar", names));
				write.setArray(p++, connection.createArrayOf("varchar", parents));
				write.setArray(p++, connection.createArrayOf("bigint", expected));
				write.setArray(p++, connection.createArrayOf("varchar", types));
				write.setArray(p++, connection.createArrayOf("bytea", bytes));
				write.setArray(p++, connection.createArrayOf("text", tags));
				write.setLong(p++, now);
				write.setString(p++, node);
				// the snapshot's key id, node, created_at and updated_at, then the history row's key id, node, time
				PortableSnapshotSql.setNullable(write, p++, keyId);
				write.setString(p++, node);
				write.setLong(p++, now);
				write.setLong(p++, now);
				PortableSnapshotSql.setNullable(write, p++, keyId);
				write.setString(p++, node);
				write.setLong(p, now);
				try (ResultSet rows = write.executeQuery()) {
					while (rows.next()) {
						Integer at = index.get(new ActorKey(rows.getString(1), rows.getString(2)));
						if (at != null) {
							written[at] = true;
						}
					}
				}
			}
			return written;
		});
	}

	@Override
	public LeaseOutcome acquire(Jdbc jdbc, ActorKey key, String node, long now, long expiresAt) {
		return jdbc.autocommit("lease of actor '" + key + "'", (connection) -> {
			try (PreparedStatement acquire = connection.prepareStatement(ACQUIRE)) {
				int p = 1;
				acquire.setString(p++, key.system());
				acquire.setString(p++, key.name());
				acquire.setString(p++, node);
				acquire.setLong(p++, now);
				acquire.setLong(p++, expiresAt);
				acquire.setLong(p++, now);
				acquire.setString(p++, key.system());
				acquire.setString(p++, key.name());
				acquire.setString(p++, key.system());
				acquire.setString(p, key.name());
				try (ResultSet rows = acquire.executeQuery()) {
					rows.next();
					if (rows.getLong(1) == 0) {
						String holder = rows.getString(2);
						return new LeaseOutcome(false, holder, (holder != null) ? rows.getLong(3) : expiresAt, null);
					}
					// The snapshot columns are read by the statement's snapshot, taken before the lease changed.
					byte[] bytes = rows.getBytes(6);
					SnapshotRow snapshot = (bytes != null)
							? new SnapshotRow(rows.getLong(4), rows.getString(5), bytes, rows.getString(7)) : null;
					return new LeaseOutcome(true, null, 0, snapshot);
				}
			}
		});
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

}
