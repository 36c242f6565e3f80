package io.spawn.benchmarks;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.StoredState;
import io.spawn.protocol.actors.ActorState;
import java.util.Optional;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * A state store that times the calls an activation makes (lease, load) and passes them on, so that the
 * activation benchmark can say where a cold activation's time goes.
 */
final class TimedStateStore implements ActorStateStore {

	private final ActorStateStore delegate;

	final Histogram lease = new ConcurrentHistogram(60_000_000_000L, 3);

	final Histogram load = new ConcurrentHistogram(60_000_000_000L, 3);

	TimedStateStore(ActorStateStore delegate) {
		this.delegate = delegate;
	}

	void reset() {
		this.lease.reset();
		this.load.reset();
	}

	@Override
	public Optional<StoredState> load(ActorKey key) {
		long start = System.nanoTime();
		try {
			return this.delegate.load(key);
		}
		finally {
			this.load.recordValue(System.nanoTime() - start);
		}
	}

	@Override
	public Optional<StoredState> load(ActorKey key, long revision) {
		return this.delegate.load(key, revision);
	}

	@Override
	public long write(ActorKey key, @Nullable String parent, ActorState state, long expectedRevision) {
		return this.delegate.write(key, parent, state, expectedRevision);
	}

	@Override
	public void acquireLease(ActorKey key) {
		long start = System.nanoTime();
		try {
			this.delegate.acquireLease(key);
		}
		finally {
			this.lease.recordValue(System.nanoTime() - start);
		}
	}

	@Override
	public Optional<StoredState> acquireLeaseAndLoad(ActorKey key) {
		// One round trip in the JPA store: timed as the lease, with no separate load.
		long start = System.nanoTime();
		try {
			return this.delegate.acquireLeaseAndLoad(key);
		}
		finally {
			this.lease.recordValue(System.nanoTime() - start);
		}
	}

	@Override
	public boolean delete(ActorKey key) {
		return this.delegate.delete(key);
	}

	@Override
	public void releaseLease(ActorKey key) {
		this.delegate.releaseLease(key);
	}

}
