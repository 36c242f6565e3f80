package io.spawn.internal.runtime;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.LeaseUnavailableException;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.state.StoredState;
import io.spawn.internal.time.RuntimeClock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One activation's hold on its actor's lease: whether it took it (to give it back at passivation), since when it
 * may trust it without asking the store, and, once another node turned out to hold it, that node. Belongs to the
 * turn: only the activation's draining thread touches it.
 */
final class ActorLease {

	private final ActorKey key;

	private final ActorStateStore store;

	private final RuntimeClock clock;

	private boolean held;

	/** When the lease was last taken or confirmed, on the runtime's clock. */
	private long acquiredAt;

	/**
	 * Whether the last attempt to take or confirm the lease failed without an answer (the store was unreachable):
	 * the lease may be gone, and a renewal of this node's other leases says nothing about this one (the store stops
	 * counting a lease it could not confirm), so it is checked again before anything is served.
	 */
	private boolean unconfirmed;

	/** Set when another node holds the lease: every queued call goes there (or waits), none runs here. */
	private @Nullable LeaseUnavailableException elsewhere;

	ActorLease(ActorKey key, ActorStateStore store, RuntimeClock clock) {
		this.key = key;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Takes (or confirms) the lease and reads the latest snapshot in the same step.
	 * @return the snapshot, or empty when nothing is stored
	 * @throws LeaseUnavailableException when another node holds the lease
	 * @throws StateStoreException when the store cannot be reached
	 */
	Optional<StoredState> acquireAndLoad() {
		long before = this.clock.millis();
		try {
			Optional<StoredState> latest = this.store.acquireLeaseAndLoad(this.key);
			this.held = true;
			this.unconfirmed = false;
			this.acquiredAt = before;
			return latest;
		}
		catch (StateStoreException ex) {
			// Unless another node holds it, the lease may have been taken before the load failed: give it back at
			// passivation, and do not trust it before it is confirmed.
			this.held = !(ex instanceof LeaseUnavailableException);
			this.unconfirmed = this.held;
			throw ex;
		}
	}

	/** Whether the lease could have lapsed since it was last confirmed (a pause, renewals that failed). */
	boolean mayHaveLapsed() {
		if (!this.held) {
			return false;
		}
		if (this.unconfirmed) {
			return true;
		}
		long until = this.store.leaseHeldUntil(this.acquiredAt);
		// A store without leases trusts them for ever: no clock read on every call for it.
		return until != Long.MAX_VALUE && this.clock.millis() >= until;
	}

	/** Another node holds the lease: this activation holds nothing any more and sends its calls there. */
	void lost(LeaseUnavailableException holder) {
		this.held = false;
		this.elsewhere = holder;
	}

	@Nullable LeaseUnavailableException elsewhere() {
		return this.elsewhere;
	}

	/** Gives the lease back after passivation, if this activation took it. */
	void release() {
		if (this.held) {
			this.held = false;
			this.store.releaseLease(this.key);
		}
	}

}
