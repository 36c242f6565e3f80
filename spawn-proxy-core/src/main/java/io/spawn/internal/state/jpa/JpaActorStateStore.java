package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.LeaseUnavailableException;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.state.StoredState;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.actors.ActorState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * The durable {@link ActorStateStore}: reads snapshots through JPA, writes them through the
 * {@link GroupCommitter}, and keeps this node's leases on the actors it runs.
 */
public final class JpaActorStateStore implements ActorStateStore {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(JpaActorStateStore.class));

	private final Transactions transactions;

	private final GroupCommitter committer;

	private final StateCodec codec;

	private final RuntimeClock clock;

	private final PersistenceSettings settings;

	private volatile @Nullable Boolean postgres;

	/** When the last renewal that extended every lease of this node started, on the runtime's clock. */
	private volatile long renewedFrom;

	/** The actors whose lease this node took and has not given back. */
	private final java.util.Set<ActorKey> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

	JpaActorStateStore(Transactions transactions, GroupCommitter committer, StateCodec codec, RuntimeClock clock,
			PersistenceSettings settings) {
		this.transactions = transactions;
		this.committer = committer;
		this.codec = codec;
		this.clock = clock;
		this.settings = settings;
	}

	@Override
	public Optional<StoredState> load(ActorKey key) {
		SnapshotEntity row = this.transactions.read("load of actor '" + key + "'",
				(manager) -> manager.find(SnapshotEntity.class, new ActorKeyColumns(key)));
		if (row == null || row.stateBytes == null) {
			return Optional.empty();
		}
		return Optional.of(new StoredState(row.revision, row.parent, this.codec.decode(key, row.stateBytes, row.keyId)));
	}

	@Override
	public Optional<StoredState> load(ActorKey key, long revision) {
		SnapshotHistoryEntity row = this.transactions.read("load of revision " + revision + " of actor '" + key + "'",
				(manager) -> manager.find(SnapshotHistoryEntity.class,
						new SnapshotHistoryEntity.Id(key.system(), key.name(), revision)));
		if (row == null || row.stateBytes == null) {
			return Optional.empty();
		}
		return Optional.of(new StoredState(revision, row.parent, this.codec.decode(key, row.stateBytes, row.keyId)));
	}

	@Override
	public long write(ActorKey key, @Nullable String parent, ActorState state, long expectedRevision) {
		return this.committer.write(key, parent, state, expectedRevision);
	}

	@Override
	public void acquireLease(ActorKey key) {
		String node = this.settings.nodeId();
		long now = this.clock.millis();
		long expires = now + this.settings.leaseDuration().toMillis();
		try {
			this.transactions.inTransaction("lease of actor '" + key + "'", (connection) -> {
				relaxCommit(connection);
				try (PreparedStatement take = connection.prepareStatement("UPDATE spawn_actor_lease SET owner = ?,"
						+ " acquired_at = ?, expires_at = ? WHERE actor_system = ? AND actor_name = ?"
						+ " AND (owner = ? OR expires_at < ?)")) {
					take.setString(1, node);
					take.setLong(2, now);
					take.setLong(3, expires);
					take.setString(4, key.system());
					take.setString(5, key.name());
					take.setString(6, node);
					take.setLong(7, now);
					if (take.executeUpdate() == 1) {
						this.held.add(key);
						return null;
					}
				}
				try (PreparedStatement insert = connection.prepareStatement("INSERT INTO spawn_actor_lease"
						+ " (actor_system, actor_name, owner, acquired_at, expires_at) SELECT ?, ?, ?, ?, ?"
						+ " WHERE NOT EXISTS (SELECT 1 FROM spawn_actor_lease l WHERE l.actor_system = ?"
						+ " AND l.actor_name = ?)")) {
					insert.setString(1, key.system());
					insert.setString(2, key.name());
					insert.setString(3, node);
					insert.setLong(4, now);
					insert.setLong(5, expires);
					insert.setString(6, key.system());
					insert.setString(7, key.name());
					if (insert.executeUpdate() == 1) {
						this.held.add(key);
						return null;
					}
				}
				try (PreparedStatement holder = connection.prepareStatement("SELECT owner, expires_at FROM"
						+ " spawn_actor_lease WHERE actor_system = ? AND actor_name = ?")) {
					holder.setString(1, key.system());
					holder.setString(2, key.name());
					try (ResultSet rows = holder.executeQuery()) {
						if (rows.next()) {
							throw new LeaseUnavailableException(key, rows.getString(1), rows.getLong(2));
						}
					}
				}
				throw new LeaseUnavailableException(key, "another node", expires);
			});
		}
		catch (LeaseUnavailableException ex) {
			this.held.remove(key);
			throw ex;
		}
		catch (StateStoreException ex) {
			this.held.remove(key);
			if (Transactions.isUniqueViolation(ex)) {
				throw new LeaseUnavailableException(key, "another node", expires);
			}
			throw ex;
		}
	}

	@Override
	public void releaseLease(ActorKey key) {
		this.held.remove(key);
		try {
			this.transactions.inTransaction("release of the lease of actor '" + key + "'", (connection) -> {
				try (PreparedStatement release = connection.prepareStatement(
						"DELETE FROM spawn_actor_lease WHERE actor_system = ? AND actor_name = ? AND owner = ?")) {
					release.setString(1, key.system());
					release.setString(2, key.name());
					release.setString(3, this.settings.nodeId());
					return release.executeUpdate();
				}
			});
		}
		catch (StateStoreException ex) {
			logger.debug(ex, () -> "Lease of '" + key + "' not released; it expires by itself");
		}
	}

	/**
	 * On PostgreSQL, lets a lease commit without waiting for its WAL flush: a lease lost to a crash is simply
	 * taken again, and every state write is fenced by revision and lease inside its own durable transaction. This
	 * takes the flush off the path of every activation.
	 */
	private void relaxCommit(java.sql.Connection connection) throws java.sql.SQLException {
		if (this.postgres == null) {
			this.postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
		}
		if (this.postgres) {
			try (java.sql.Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL synchronous_commit = off");
			}
		}
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
		int renewed = this.transactions.inTransaction("lease renewal", (connection) -> {
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
			logger.warn(() -> (expected - renewed) + " of this node's " + expected + " leases lapsed before they"
					+ " could be renewed; their actors check their lease again at their next call");
		}
		return renewed;
	}

	/** Gives up every lease of this node, at shutdown. */
	int releaseAllLeases() {
		this.held.clear();
		return this.transactions.inTransaction("release of all leases", (connection) -> {
			try (PreparedStatement release = connection
				.prepareStatement("DELETE FROM spawn_actor_lease WHERE owner = ?")) {
				release.setString(1, this.settings.nodeId());
				return release.executeUpdate();
			}
		});
	}

}
