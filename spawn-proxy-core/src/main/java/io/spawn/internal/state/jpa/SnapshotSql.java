package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statements of the store's hot path, per database: PostgreSQL gets single statements (a CTE over arrays for
 * a whole batch, an upsert that also reads the snapshot) and asynchronous lease commits; every other database
 * (H2) gets portable SQL with the same semantics. Both fence every snapshot write by revision and lease.
 */
sealed interface SnapshotSql permits PostgresSnapshotSql, PortableSnapshotSql {

	static SnapshotSql of(Jdbc jdbc) {
		return jdbc.isPostgres() ? new PostgresSnapshotSql() : new PortableSnapshotSql();
	}

	/**
	 * Commits a batch of fenced writes: a write succeeds only if the stored revision is its expected one and
	 * {@code node} holds an unexpired lease on the actor at {@code now}.
	 * @return per write, true when it was written (its history row too)
	 */
	boolean[] write(Jdbc jdbc, List<PendingWrite> batch, @Nullable String keyId, String node, long now);

	/**
	 * Takes or renews {@code node}'s lease (it must be free, expired or already {@code node}'s) and reads the
	 * actor's snapshot in the same round trip where the database allows it.
	 */
	LeaseOutcome acquire(Jdbc jdbc, ActorKey key, String node, long now, long expiresAt);

	/** Deletes {@code node}'s lease on one actor. */
	int release(Jdbc jdbc, ActorKey key, String node);

	/**
	 * What an acquisition found.
	 * @param taken whether the lease is now this node's
	 * @param holder when not taken, the node holding it (null if it vanished meanwhile)
	 * @param holderExpiresAt when not taken, the holder's expiry
	 * @param snapshot when taken, the actor's stored snapshot, or null when none is stored
	 */
	record LeaseOutcome(boolean taken, @Nullable String holder, long holderExpiresAt, @Nullable SnapshotRow snapshot) {
	}

	/**
	 * A stored snapshot's columns, not decoded yet.
	 */
	record SnapshotRow(long revision, @Nullable String parent, byte[] bytes, @Nullable String keyId) {
	}

}
