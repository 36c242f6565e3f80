package io.spawn.internal.state;

import io.spawn.protocol.actors.ActorState;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Persists actor snapshots. Every write names the revision its writer last read or wrote; the store refuses a
 * write whose revision is not the stored one, so a stale copy of an actor can never overwrite newer state.
 * Implementations must be safe for concurrent use by many actors; calls for one actor never overlap.
 */
public interface ActorStateStore {

	/**
	 * Loads the latest snapshot.
	 * @param key the actor
	 * @return the snapshot, or empty when nothing was ever stored
	 * @throws StateStoreException when the store cannot be read
	 */
	Optional<StoredState> load(ActorKey key);

	/**
	 * Loads a given revision, for point-in-time restore.
	 * @param key the actor
	 * @param revision the revision wanted
	 * @return the snapshot, or empty when that revision is not (or no longer) kept
	 * @throws StateStoreException when the store cannot be read
	 */
	Optional<StoredState> load(ActorKey key, long revision);

	/**
	 * Writes a new snapshot if the stored revision is {@code expectedRevision} (0 when nothing is stored yet).
	 * @param key the actor
	 * @param parent the template of an unnamed instance, or {@code null}
	 * @param state the state and tags to store
	 * @param expectedRevision the revision the writer holds
	 * @return the new revision
	 * @throws StaleRevisionException when the stored revision is not {@code expectedRevision}
	 * @throws StateStoreException when the store cannot be written
	 */
	long write(ActorKey key, @Nullable String parent, ActorState state, long expectedRevision);

	/**
	 * Takes (or renews) this node's lease on an actor before it is activated. While another node holds an
	 * unexpired lease, this node must not run the actor; a store shared by several nodes refuses writes from a
	 * node that does not hold the lease. A single-node store needs no lease and does nothing.
	 * @param key the actor
	 * @throws LeaseUnavailableException when another node holds the lease
	 * @throws StateStoreException when the store cannot be reached
	 */
	default void acquireLease(ActorKey key) {
	}

	/**
	 * Takes (or renews) this node's lease, as {@link #acquireLease(ActorKey)}, and loads the latest snapshot, as
	 * {@link #load(ActorKey)}: what an activation does, in one round trip where the store can.
	 * @param key the actor
	 * @return the snapshot, or empty when nothing was ever stored
	 * @throws LeaseUnavailableException when another node holds the lease
	 * @throws StateStoreException when the store cannot be reached
	 */
	default Optional<StoredState> acquireLeaseAndLoad(ActorKey key) {
		acquireLease(key);
		return load(key);
	}

	/**
	 * Deletes the actor's state: its snapshot and every kept revision, so that its next activation starts from
	 * the initial state. Refused while another node holds an unexpired lease on the actor; allowed when this
	 * node holds it (the caller then discards the activation it runs) or nobody does. A write that still names a
	 * revision from before the deletion is refused as stale.
	 * @param key the actor
	 * @return whether a snapshot was stored
	 * @throws LeaseUnavailableException when another node holds the lease
	 * @throws StateStoreException when the store cannot be written, or cannot delete
	 */
	default boolean delete(ActorKey key) {
		throw new StateStoreException(getClass().getSimpleName() + " cannot delete the state of actor '" + key + "'");
	}

	/**
	 * Gives up this node's lease on an actor after it passivated. Failures are not reported: an unreleased
	 * lease expires by itself.
	 * @param key the actor
	 */
	default void releaseLease(ActorKey key) {
	}

	/**
	 * Until when this node may trust a lease it took at {@code acquiredAtMillis} without asking the store again:
	 * the lease's duration from its last successful renewal, less a safety margin, measured on this node's clock.
	 * An activation past that point (this node was paused, or could not renew) must check its lease before it
	 * serves anything, reads included, because another node may have taken the actor over.
	 * @param acquiredAtMillis when the lease was taken (before the acquiring statement was sent)
	 * @return epoch milliseconds; {@link Long#MAX_VALUE} for a store without leases
	 */
	default long leaseHeldUntil(long acquiredAtMillis) {
		return Long.MAX_VALUE;
	}

	/**
	 * Lists stored actors of one system, for operators: a page in the order of their names, the state not decoded.
	 * Every member of a cluster sharing the store gets the same answer. A store may stop reading before the page is
	 * full, so that a filter matching few actors costs a bounded read per page; it then says where to resume.
	 * @param query the system, filters and page
	 * @return at most {@code query.limit()} actors, named after {@code query.afterName()}, in name order
	 * @throws StateStoreException when the store cannot be read, or cannot list
	 */
	default ActorListing list(ActorQuery query) {
		throw new StateStoreException(getClass().getSimpleName() + " cannot list actors");
	}

	/**
	 * Describes one actor, for operators: its latest revision, tags and lease holder, the state not decoded.
	 * @param key the actor
	 * @return the actor, or empty when it has neither stored state nor a live lease
	 * @throws StateStoreException when the store cannot be read, or cannot describe
	 */
	default Optional<ActorRecord> describe(ActorKey key) {
		throw new StateStoreException(getClass().getSimpleName() + " cannot describe actors");
	}

	/**
	 * The kept revisions of an actor, newest first (the latest one included).
	 * @param key the actor
	 * @param limit how many at most
	 * @return the revisions
	 * @throws StateStoreException when the store cannot be read, or keeps no history
	 */
	default List<RevisionRecord> history(ActorKey key, int limit) {
		throw new StateStoreException(getClass().getSimpleName() + " keeps no history");
	}

}
