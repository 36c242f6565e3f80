package io.spawn.internal.state;

import io.spawn.protocol.actors.ActorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps snapshots in memory, with the same revision rules as a durable store. State is lost when the process
 * ends: for tests and for apps that configure no database.
 */
public final class InMemoryActorStateStore implements ActorStateStore {

	private final ConcurrentMap<ActorKey, History> actors = new ConcurrentHashMap<>();

	private final int historyLimit;

	/**
	 * Creates a store that keeps the latest 10 revisions of each actor.
	 */
	public InMemoryActorStateStore() {
		this(10);
	}

	/**
	 * Creates a store.
	 * @param historyLimit how many revisions of each actor to keep for point-in-time restore, at least 1
	 */
	public InMemoryActorStateStore(int historyLimit) {
		if (historyLimit < 1) {
			throw new IllegalArgumentException("historyLimit must be at least 1, was " + historyLimit);
		}
		this.historyLimit = historyLimit;
	}

	@Override
	public Optional<StoredState> load(ActorKey key) {
		History history = this.actors.get(key);
		return (history != null) ? Optional.ofNullable(history.latest()) : Optional.empty();
	}

	@Override
	public Optional<StoredState> load(ActorKey key, long revision) {
		History history = this.actors.get(key);
		return (history != null) ? Optional.ofNullable(history.revision(revision)) : Optional.empty();
	}

	@Override
	public long write(ActorKey key, @Nullable String parent, ActorState state, long expectedRevision) {
		History history = this.actors.computeIfAbsent(key, (k) -> new History());
		synchronized (history) {
			StoredState latest = history.latest();
			long stored = (latest != null) ? latest.revision() : 0;
			if (stored != expectedRevision) {
				throw new StaleRevisionException(key, expectedRevision, stored);
			}
			StoredState written = new StoredState(stored + 1, parent, state);
			history.add(written, this.historyLimit);
			return written.revision();
		}
	}

	@Override
	public boolean delete(ActorKey key) {
		// One node, no leases: nothing can hold the actor elsewhere. A writer holding an old revision is refused
		// (expected > 0, stored 0) as by the durable store.
		return this.actors.remove(key) != null;
	}

	/**
	 * Number of actors with a stored snapshot.
	 * @return the count
	 */
	public int size() {
		return this.actors.size();
	}

	private static final class History {

		private final List<StoredState> revisions = new ArrayList<>(2);

		synchronized @Nullable StoredState latest() {
			return this.revisions.isEmpty() ? null : this.revisions.get(this.revisions.size() - 1);
		}

		synchronized @Nullable StoredState revision(long revision) {
			for (StoredState state : this.revisions) {
				if (state.revision() == revision) {
					return state;
				}
			}
			return null;
		}

		synchronized void add(StoredState state, int limit) {
			this.revisions.add(state);
			while (this.revisions.size() > limit) {
				this.revisions.remove(0);
			}
		}

	}

}
