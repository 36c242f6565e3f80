package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorListing;
import io.spawn.internal.state.ActorQuery;
import io.spawn.internal.state.ActorRecord;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.LeaseUnavailableException;
import io.spawn.internal.state.RevisionRecord;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.state.StoredState;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.actors.ActorState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * The durable {@link ActorStateStore}: plain JDBC on the hot path (loads, leases, and writes through the
 * {@link GroupCommitter}), statements per database in {@link SnapshotSql}, and this node's leases on the actors it
 * runs. Taking a lease also reads the snapshot in the same round trip; the {@link #load(ActorKey)} that an
 * activation makes right after {@link #acquireLease(ActorKey)} on the same thread is answered from that read.
 */
public final class JpaActorStateStore implements ActorStateStore {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(JpaActorStateStore.class));

	/** How long a snapshot read with the lease answers the activation's load before it is read again. */
	private static final long PREFETCH_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final int PURGE_BATCH = 256;

	private final Jdbc jdbc;

	private final SnapshotSql sql;

	private final GroupCommitter committer;

	private final StateCodec codec;

	private final RuntimeClock clock;

	private final PersistenceSettings settings;

	private final ConcurrentMap<ActorKey, Prefetched> prefetched = new ConcurrentHashMap<>();

	private final ActorCatalog catalog;

	/** When the last renewal that extended every lease of this node started, on the runtime's clock. */
	private volatile long renewedFrom;

	/** The actors whose lease this node took and has not given back. */
	private final java.util.Set<ActorKey> held = ConcurrentHashMap.newKeySet();

	JpaActorStateStore(Jdbc jdbc, SnapshotSql sql, GroupCommitter committer, StateCodec codec, RuntimeClock clock,
			PersistenceSettings settings) {
		this.jdbc = jdbc;
		this.sql = sql;
		this.committer = committer;
		this.codec = codec;
		this.clock = clock;
		this.settings = settings;
		this.catalog = new ActorCatalog(jdbc, sql instanceof PostgresSnapshotSql, clock);
	}

	@Override
	public Optional<StoredState> load(ActorKey key) {
		Prefetched read = this.prefetched.remove(key);
		if (read != null && read.thread == Thread.currentThread() && System.nanoTime() - read.atNanos < PREFETCH_NANOS) {
			return decode(key, read.row);
		}
		SnapshotSql.SnapshotRow row = this.jdbc.autocommit("load of actor '" + key + "'",
				(connection) -> PortableSnapshotSql.readSnapshot(connection, key));
		return decode(key, row);
	}

	@Override
	public Optional<StoredState> load(ActorKey key, long revision) {
		SnapshotSql.SnapshotRow row = this.jdbc.autocommit("load of revision " + revision + " of actor '" + key + "'",
				(connection) -> {
					try (PreparedStatement query = connection.prepareStatement("SELECT parent, state_bytes, key_id"
							+ " FROM spawn_actor_snapshot_history WHERE actor_system = ? AND actor_name = ?"
							+ " AND revision = ?")) {
						query.setString(1, key.system());
						query.setString(2, key.name());
						query.setLong(3, revision);
						try (ResultSet rows = query.executeQuery()) {
							return rows.next() ? new SnapshotSql.SnapshotRow(revision, rows.getString(1),
									rows.getBytes(2), rows.getString(3)) : null;
						}
					}
				});
		return decode(key, row);
	}

	private Optional<StoredState> decode(ActorKey key, SnapshotSql.@Nullable SnapshotRow row) {
		if (row == null) {
			return Optional.empty();
		}
		return Optional.of(new StoredState(row.revision(), row.parent(), this.codec.decode(key, row.bytes(), row.keyId())));
	}

	@Override
	public long write(ActorKey key, @Nullable String parent, ActorState state, long expectedRevision) {
		this.prefetched.remove(key);
		return this.committer.write(key, parent, state, expectedRevision);
	}

	@Override
	public void acquireLease(ActorKey key) {
		SnapshotSql.LeaseOutcome outcome = lease(key);
		this.prefetched.put(key, new Prefetched(outcome.snapshot(), Thread.currentThread(), System.nanoTime()));
	}

	@Override
	public Optional<StoredState> acquireLeaseAndLoad(ActorKey key) {
		return decode(key, lease(key).snapshot());
	}

	private SnapshotSql.LeaseOutcome lease(ActorKey key) {
		long now = this.clock.millis();
		long expires = now + this.settings.leaseDuration().toMillis();
		SnapshotSql.LeaseOutcome outcome;
		try {
			outcome = this.sql.acquire(this.jdbc, key, this.settings.nodeId(), now, expires);
		}
		catch (StateStoreException ex) {
			this.held.remove(key);
			if (Transactions.isUniqueViolation(ex)) {
				throw new LeaseUnavailableException(key, "another node", expires);
			}
			throw ex;
		}
		if (!outcome.taken()) {
			this.held.remove(key);
			String holder = outcome.holder();
			throw new LeaseUnavailableException(key, (holder != null) ? holder : "another node",
					outcome.holderExpiresAt());
		}
		this.held.add(key);
		return outcome;
	}

	@Override
	public void releaseLease(ActorKey key) {
		this.prefetched.remove(key);
		this.held.remove(key);
		try {
			this.sql.release(this.jdbc, key, this.settings.nodeId());
		}
		catch (StateStoreException ex) {
			logger.debug(ex, () -> "Lease of '" + key + "' not released; it expires by itself");
		}
	}

	/**
	 * Deletes the actor's snapshot and its history. Refused while another node holds an unexpired lease; allowed
	 * when the lease is free, expired or this node's. While deleting, this node holds the lease, so no other node
	 * activates the actor half-way; a lease it had to take for that is given back in the same transaction.
	 */
	@Override
	public boolean delete(ActorKey key) {
		this.prefetched.remove(key);
		String node = this.settings.nodeId();
		long now = this.clock.millis();
		long expires = now + this.settings.leaseDuration().toMillis();
		try {
			return this.jdbc.inTransaction("deletion of the state of actor '" + key + "'", (connection) -> {
				boolean borrowed = claimForDeletion(connection, key, node, now, expires, true);
				boolean deleted = deleteRows(connection, key, Long.MAX_VALUE);
				if (borrowed) {
					giveBack(connection, key, node);
				}
				return deleted;
			});
		}
		catch (StateStoreException ex) {
			if (Transactions.isUniqueViolation(ex)) {
				throw new LeaseUnavailableException(key, "another node", expires);
			}
			throw ex;
		}
	}

	/**
	 * Makes sure no other live node holds the lease while the state is deleted, taking it when it is free or
	 * expired.
	 * @param refuse whether to throw when another live node holds it (else return false and take nothing)
	 * @return whether the lease was taken for the deletion and must be given back (false when it was this
	 * node's own unexpired lease, which the caller keeps)
	 */
	private static boolean claimForDeletion(Connection connection, ActorKey key, String node, long now, long expires,
			boolean refuse) throws SQLException {
		String owner = null;
		long expiresAt = 0;
		try (PreparedStatement lock = connection.prepareStatement("SELECT owner, expires_at FROM spawn_actor_lease"
				+ " WHERE actor_system = ? AND actor_name = ? FOR UPDATE")) {
			lock.setString(1, key.system());
			lock.setString(2, key.name());
			try (ResultSet rows = lock.executeQuery()) {
				if (rows.next()) {
					owner = rows.getString(1);
					expiresAt = rows.getLong(2);
				}
			}
		}
		if (owner != null && expiresAt >= now) {
			if (owner.equals(node)) {
				return false;
			}
			if (refuse) {
				throw new LeaseUnavailableException(key, owner, expiresAt);
			}
			throw new LeaseHeld();
		}
		if (!PortableSnapshotSql.takeLease(connection, key, node, now, expires)) {
			if (refuse) {
				throw new LeaseUnavailableException(key, "another node", expires);
			}
			throw new LeaseHeld();
		}
		return true;
	}

	/** Deletes the snapshot (when last written before {@code writtenBefore}) and its history rows. */
	private static boolean deleteRows(Connection connection, ActorKey key, long writtenBefore) throws SQLException {
		int snapshots;
		try (PreparedStatement snapshot = connection.prepareStatement("DELETE FROM spawn_actor_snapshot"
				+ " WHERE actor_system = ? AND actor_name = ? AND updated_at < ?")) {
			snapshot.setString(1, key.system());
			snapshot.setString(2, key.name());
			snapshot.setLong(3, writtenBefore);
			snapshots = snapshot.executeUpdate();
		}
		if (snapshots == 0 && writtenBefore != Long.MAX_VALUE) {
			return false;
		}
		try (PreparedStatement history = connection.prepareStatement(
				"DELETE FROM spawn_actor_snapshot_history WHERE actor_system = ? AND actor_name = ?")) {
			history.setString(1, key.system());
			history.setString(2, key.name());
			history.executeUpdate();
		}
		return snapshots > 0;
	}

	private static void giveBack(Connection connection, ActorKey key, String node) throws SQLException {
		try (PreparedStatement release = connection.prepareStatement(PortableSnapshotSql.RELEASE)) {
			release.setString(1, key.system());
			release.setString(2, key.name());
			release.setString(3, node);
			release.executeUpdate();
		}
	}

	/**
	 * Purges the state of actors whose type has a time-to-live and that have been neither written for it nor
	 * leased (by any node, this one included). Each purged actor is leased by this node while its rows are deleted,
	 * so an activation elsewhere waits for the deletion and then starts from the initial state.
	 * @return the actors purged
	 */
	int purgeExpiredState() {
		int purged = 0;
		for (Map.Entry<String, Duration> entry : this.settings.stateTimeToLive().entrySet()) {
			int slash = entry.getKey().indexOf('/');
			String system = entry.getKey().substring(0, slash);
			String type = entry.getKey().substring(slash + 1);
			while (true) {
				long now = this.clock.millis();
				long cutoff = now - entry.getValue().toMillis();
				List<ActorKey> candidates = expiredCandidates(system, type, cutoff, now);
				int batch = purge(candidates, cutoff, now);
				purged += batch;
				if (candidates.size() < PURGE_BATCH || batch == 0) {
					break;
				}
			}
		}
		return purged;
	}

	private List<ActorKey> expiredCandidates(String system, String type, long cutoff, long now) {
		return this.jdbc.autocommit("search for expired state of '" + system + "/" + type + "'", (connection) -> {
			try (PreparedStatement query = connection.prepareStatement("SELECT s.actor_name FROM spawn_actor_snapshot s"
					+ " WHERE s.actor_system = ? AND (s.parent = ? OR (s.parent IS NULL AND s.actor_name = ?))"
					+ " AND s.updated_at < ? AND NOT EXISTS (SELECT 1 FROM spawn_actor_lease l"
					+ " WHERE l.actor_system = s.actor_system AND l.actor_name = s.actor_name AND l.expires_at >= ?)"
					+ " FETCH FIRST " + PURGE_BATCH + " ROWS ONLY")) {
				query.setString(1, system);
				query.setString(2, type);
				query.setString(3, type);
				query.setLong(4, cutoff);
				query.setLong(5, now);
				List<ActorKey> keys = new ArrayList<>();
				try (ResultSet rows = query.executeQuery()) {
					while (rows.next()) {
						keys.add(new ActorKey(system, rows.getString(1)));
					}
				}
				return keys;
			}
		});
	}

	private int purge(List<ActorKey> candidates, long cutoff, long now) {
		if (candidates.isEmpty()) {
			return 0;
		}
		String node = this.settings.nodeId();
		long expires = now + this.settings.leaseDuration().toMillis();
		return this.jdbc.inTransaction("purge of " + candidates.size() + " actors' expired state", (connection) -> {
			int purged = 0;
			for (ActorKey key : candidates) {
				try {
					if (!claimForDeletion(connection, key, node, now, expires, false)) {
						// This node's own unexpired lease: the actor is active here.
						continue;
					}
				}
				catch (LeaseHeld ex) {
					continue;
				}
				if (deleteRows(connection, key, cutoff)) {
					purged++;
				}
				giveBack(connection, key, node);
			}
			return purged;
		});
	}

	/**
	 * Trusts a lease for its duration from when it was taken or last renewed, less a tenth (at least 500 ms) for
	 * the time a statement takes and for clock drift between members.
	 */
	@Override
	public long leaseHeldUntil(long acquiredAtMillis) {
		long duration = this.settings.leaseDuration().toMillis();
		long margin = Math.min(duration / 2, Math.max(500, duration / 10));
		return Math.max(acquiredAtMillis, this.renewedFrom) + duration - margin;
	}

	/** Extends every lease this node holds; called every third of the lease duration. */
	int renewLeases() {
		long started = this.clock.millis();
		long expires = started + this.settings.leaseDuration().toMillis();
		int expected = this.held.size();
		// Only leases that never lapsed are extended: one that expired may have been taken (and even given back)
		// by another node in between, so its activation must check it again before it serves anything.
		int renewed = this.jdbc.autocommit("lease renewal", (connection) -> {
			try (PreparedStatement renew = connection.prepareStatement(
					"UPDATE spawn_actor_lease SET expires_at = ? WHERE owner = ? AND expires_at >= ?")) {
				renew.setLong(1, expires);
				renew.setString(2, this.settings.nodeId());
				renew.setLong(3, started);
				return renew.executeUpdate();
			}
		});
		if (renewed >= expected) {
			this.renewedFrom = started;
		}
		else {
			logger.debug(() -> (expected - renewed) + " of this node's " + expected + " leases lapsed or were given"
					+ " back during the renewal; their actors check their lease again at their next call");
		}
		return renewed;
	}

	/** Gives up every lease of this node, at shutdown. */
	int releaseAllLeases() {
		this.held.clear();
		this.prefetched.clear();
		return this.jdbc.autocommit("release of all leases", (connection) -> {
			try (PreparedStatement release = connection
				.prepareStatement("DELETE FROM spawn_actor_lease WHERE owner = ?")) {
				release.setString(1, this.settings.nodeId());
				return release.executeUpdate();
			}
		});
	}

	/** Reads for the operations API, by {@link ActorCatalog}. */
	@Override
	public ActorListing list(ActorQuery query) {
		return this.catalog.list(query);
	}

	@Override
	public Optional<ActorRecord> describe(ActorKey key) {
		return this.catalog.describe(key);
	}

	@Override
	public List<RevisionRecord> history(ActorKey key, int limit) {
		return this.catalog.history(key, limit);
	}

	/**
	 * How many names a filtered listing reads per page at most.
	 * @param names the window, at least 1
	 */
	void scanWindow(int names) {
		this.catalog.scanWindow(names);
	}

	private record Prefetched(SnapshotSql.@Nullable SnapshotRow row, Thread thread, long atNanos) {
	}

	/** Another live node holds a lease the purge wanted: skip that actor. */
	private static final class LeaseHeld extends RuntimeException {

		LeaseHeld() {
			super(null, null, false, false);
		}

	}

}
