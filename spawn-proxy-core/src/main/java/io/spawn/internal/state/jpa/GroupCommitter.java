package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.StaleRevisionException;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.actors.ActorState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjLongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Commits snapshot writes of many actors in shared transactions (group commit) without a writer thread and
 * without a linger. A caller queues its write and, if one of the commit slots is free, commits at once on its own
 * thread everything queued (leader); otherwise it parks until a leader has committed its write or hands it a
 * slot (follower). So a lone writer pays one round trip and no hand-off, and under load every commit takes all
 * writes that queued behind the previous one. Each write is fenced by its revision and this node's lease; a write
 * that fails either check changes nothing and is reported as stale.
 */
final class GroupCommitter implements AutoCloseable {

	private final Jdbc jdbc;

	private final SnapshotSql sql;

	private final StateCodec codec;

	private final RuntimeClock clock;

	private final PersistenceSettings settings;

	private final ObjLongConsumer<ActorKey> written;

	private final Queue<PendingWrite> queue = new ConcurrentLinkedQueue<>();

	private final int slotCount;

	private final Semaphore slots;

	private volatile boolean closed;

	/**
	 * @param written told of every committed revision (history trimming)
	 * @param slots how many commits may run at once
	 */
	GroupCommitter(Jdbc jdbc, SnapshotSql sql, StateCodec codec, RuntimeClock clock, PersistenceSettings settings,
			ObjLongConsumer<ActorKey> written, int slots) {
		this.jdbc = jdbc;
		this.sql = sql;
		this.codec = codec;
		this.clock = clock;
		this.settings = settings;
		this.written = written;
		this.slotCount = slots;
		this.slots = new Semaphore(slots);
	}

	/**
	 * Writes a snapshot and waits for its transaction to commit.
	 * @return the new revision
	 */
	long write(ActorKey key, @Nullable String parent, ActorState state, long expectedRevision) {
		if (this.closed) {
			throw new StateStoreException("the state store is closed");
		}
		PendingWrite write = new PendingWrite(key, parent, expectedRevision, StateCodec.stateType(state),
				this.codec.encode(key, state), StateCodec.tagsJson(state.getTagsMap()), Thread.currentThread());
		this.queue.add(write);
		if (this.closed && this.queue.remove(write)) {
			throw new StateStoreException("the state store is closed");
		}
		boolean leading = this.slots.tryAcquire();
		while (true) {
			if (leading || write.takePromotion()) {
				leading = false;
				lead(write);
			}
			if (write.isDone() && write.finish()) {
				return outcome(write);
			}
			if (!write.isDone()) {
				LockSupport.park(this);
			}
		}
	}

	private static long outcome(PendingWrite write) {
		try {
			return write.result.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof StateStoreException storeException) {
				throw storeException;
			}
			throw new StateStoreException("write of actor '" + write.key + "' failed", ex.getCause());
		}
	}

	/** Holding a slot: commits what is queued until this caller's own write is decided, then lets go of it. */
	private void lead(PendingWrite own) {
		try {
			while (!own.isDone()) {
				List<PendingWrite> batch = drain();
				if (batch.isEmpty()) {
					// Another leader took the write and is committing it.
					break;
				}
				try {
					commit(batch);
				}
				catch (RuntimeException ex) {
					// Never leave a caller parked: fail what this commit held.
					StateStoreException failure = Transactions.translate("group commit", ex);
					batch.stream().filter((write) -> !write.isDone()).forEach((write) -> write.fail(failure));
				}
			}
		}
		finally {
			releaseSlot();
		}
	}

	private List<PendingWrite> drain() {
		List<PendingWrite> batch = new ArrayList<>();
		PendingWrite next;
		while (batch.size() < this.settings.maxBatch() && (next = this.queue.poll()) != null) {
			batch.add(next);
		}
		return batch;
	}

	/**
	 * Gives the slot back and, when writes are still queued, hands a free slot to one of their callers. Every
	 * holder checks the queue after releasing, so a queued write is never left without a leader.
	 */
	private void releaseSlot() {
		this.slots.release();
		if (this.queue.isEmpty() || this.closed || !this.slots.tryAcquire()) {
			return;
		}
		for (PendingWrite waiting : this.queue) {
			if (waiting.promote()) {
				return;
			}
		}
		// Every queued caller already holds a slot and leads.
		this.slots.release();
	}

	private void commit(List<PendingWrite> batch) {
		boolean[] outcome;
		try {
			outcome = this.sql.write(this.jdbc, batch, this.codec.keyId(), this.settings.nodeId(),
					this.clock.millis());
		}
		catch (StateStoreException ex) {
			if (batch.size() > 1) {
				// One bad row (say a unique violation from a racing insert) must not fail its neighbours.
				for (PendingWrite write : batch) {
					commit(List.of(write));
				}
				return;
			}
			PendingWrite write = batch.get(0);
			write.fail(Transactions.isUniqueViolation(ex) ? stale(write) : ex);
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			PendingWrite write = batch.get(i);
			if (outcome[i]) {
				this.written.accept(write.key, write.expectedRevision + 1);
				write.succeed();
			}
			else {
				write.fail(stale(write));
			}
		}
	}

	/** Explains a refused write: someone else's revision, or a lease this node does not hold. */
	private StateStoreException stale(PendingWrite write) {
		try {
			return this.jdbc.autocommit("diagnosis of a refused write", (connection) -> {
				long stored = 0;
				try (PreparedStatement query = connection.prepareStatement(
						"SELECT revision FROM spawn_actor_snapshot WHERE actor_system = ? AND actor_name = ?")) {
					query.setString(1, write.key.system());
					query.setString(2, write.key.name());
					try (ResultSet rows = query.executeQuery()) {
						if (rows.next()) {
							stored = rows.getLong(1);
						}
					}
				}
				if (stored != write.expectedRevision) {
					return new StaleRevisionException(write.key, write.expectedRevision, stored);
				}
				return new StaleRevisionException(write.key, write.expectedRevision, stored, "stale write for actor '"
						+ write.key + "': node '" + this.settings.nodeId() + "' does not hold its lease");
			});
		}
		catch (StateStoreException ex) {
			return ex;
		}
	}

	/** Refuses new writes, waits up to 5 s for running commits, and fails whatever is still queued. */
	@Override
	public void close() {
		this.closed = true;
		try {
			this.slots.tryAcquire(this.slotCount, 5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		PendingWrite pending;
		while ((pending = this.queue.poll()) != null) {
			pending.fail(new StateStoreException("the state store is closed"));
		}
	}

}
