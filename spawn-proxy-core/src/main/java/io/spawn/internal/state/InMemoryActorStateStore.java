package io.spawn.internal.state;

import io.spawn.protocol.actors.ActorState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
	 * Lists stored actors. This store keeps no leases: {@link ActorRecord#owner()} is always {@code null}, the
	 * activity filter is not applied, and the caller, which knows what is in memory, applies it.
	 */
	@Override
	public ActorListing list(ActorQuery query) {
		List<ActorRecord> page = new ArrayList<>();
		this.actors.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().system().equals(query.system()))
			.filter((entry) -> query.afterName() == null || entry.getKey().name().compareTo(query.afterName()) > 0)
			.sorted(Map.Entry.comparingByKey(Comparator.comparing(ActorKey::name)))
			.forEach((entry) -> {
				ActorRecord record = entry.getValue().record(entry.getKey());
				if (page.size() < query.limit() && record != null && matches(record, query)) {
					page.add(record);
				}
			});
		return new ActorListing(page, null);
	}

	private static boolean matches(ActorRecord record, ActorQuery query) {
		return (query.parent() == null || query.parent().equals(record.parent()))
				&& (query.tagKey() == null || query.tagValue().equals(record.tags().get(query.tagKey())));
	}

	@Override
	public Optional<ActorRecord> describe(ActorKey key) {
		History history = this.actors.get(key);
		return (history != null) ? Optional.ofNullable(history.record(key)) : Optional.empty();
	}

	@Override
	public List<RevisionRecord> history(ActorKey key, int limit) {
		History history = this.actors.get(key);
		return (history != null) ? history.revisions(limit) : List.of();
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

		private final List<Long> writtenAt = new ArrayList<>(2);

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
			this.writtenAt.add(System.currentTimeMillis());
			while (this.revisions.size() > limit) {
				this.revisions.remove(0);
				this.writtenAt.remove(0);
			}
		}

		synchronized @Nullable ActorRecord record(ActorKey key) {
			StoredState latest = latest();
			if (latest == null) {
				return null;
			}
			return new ActorRecord(key, latest.parent(), latest.revision(), stateType(latest),
					latest.state().getTagsMap(), this.writtenAt.get(this.writtenAt.size() - 1), null);
		}

		synchronized List<RevisionRecord> revisions(int limit) {
			List<RevisionRecord> newestFirst = new ArrayList<>();
			for (int i = this.revisions.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
				StoredState state = this.revisions.get(i);
				newestFirst.add(new RevisionRecord(state.revision(), stateType(state), "local", this.writtenAt.get(i)));
			}
			return newestFirst;
		}

		private static String stateType(StoredState stored) {
			return stored.state().hasState() ? stored.state().getState().getTypeUrl() : "";
		}

	}

}
