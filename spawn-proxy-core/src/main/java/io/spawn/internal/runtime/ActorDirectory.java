package io.spawn.internal.runtime;

import io.spawn.internal.state.ActorKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * The actors in memory on this member: one {@link Activation} per actor key, one {@link ActorPool} per POOLED
 * actor, the activation cap (sampled-LRU eviction), and what shutdown waits on.
 */
final class ActorDirectory {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(ActorDirectory.class));

	private static final int EVICTION_SAMPLE = 64;

	private final ConcurrentMap<ActorKey, Activation> activations = new ConcurrentHashMap<>();

	private final ConcurrentMap<ActorKey, ActorPool> pools = new ConcurrentHashMap<>();

	private final AtomicInteger activeCount = new AtomicInteger();

	private final AtomicBoolean evicting = new AtomicBoolean();

	private final RuntimeSettings settings;

	private final RuntimeObserver observer;

	private final ReentrantLock idleLock = new ReentrantLock();

	private final Condition changed = this.idleLock.newCondition();

	/** Busy pool workers plus queued pool calls, across every pool. */
	private final AtomicInteger poolWork = new AtomicInteger();

	private @Nullable Iterator<Activation> evictionCursor;

	ActorDirectory(RuntimeSettings settings, RuntimeObserver observer) {
		this.settings = settings;
		this.observer = observer;
	}

	@Nullable Activation get(ActorKey key) {
		return this.activations.get(key);
	}

	/** The activation of an actor, created (not yet loaded) when it has none. */
	Activation activation(TurnContext context, ActorResolver.Resolved resolved, long now) {
		ActorKey key = resolved.key();
		Activation activation = this.activations.get(key);
		if (activation != null) {
			return activation;
		}
		Activation fresh = new Activation(context, resolved.registry(), resolved.id(), resolved.definition().name,
				now);
		activation = this.activations.putIfAbsent(key, fresh);
		if (activation != null) {
			return activation;
		}
		this.activeCount.incrementAndGet();
		fresh.scheduleIdleCheck();
		return fresh;
	}

	ActorPool pool(TurnContext context, ActorResolver.Resolved resolved) {
		return this.pools.computeIfAbsent(resolved.key(), (k) -> new ActorPool(context, resolved.registry(),
				resolved.id()));
	}

	void activated(Activation activation) {
		this.observer.activated(activation.key);
	}

	/** Called once an activation closed: it leaves memory, and a new call activates the actor afresh. */
	void passivated(Activation activation) {
		this.activations.remove(activation.key, activation);
		this.activeCount.decrementAndGet();
		this.observer.passivated(activation.key);
		signal();
	}

	void poolWorkAdded() {
		this.poolWork.incrementAndGet();
	}

	void poolWorkDone() {
		if (this.poolWork.decrementAndGet() == 0) {
			signal();
		}
	}

	private void signal() {
		this.idleLock.lock();
		try {
			this.changed.signalAll();
		}
		finally {
			this.idleLock.unlock();
		}
	}

	/**
	 * Waits until no actor is active and no pool has work.
	 * @return whether that happened before the deadline
	 */
	boolean awaitEmpty(long deadlineNanos) throws InterruptedException {
		this.idleLock.lock();
		try {
			while (this.activeCount.get() > 0 || this.poolWork.get() > 0) {
				long left = deadlineNanos - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				this.changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
			}
			return true;
		}
		finally {
			this.idleLock.unlock();
		}
	}

	/** Asks every activation that matches to passivate (flush, give back its lease, leave memory). */
	int passivateWhere(Predicate<Activation> filter) {
		int asked = 0;
		for (Activation activation : this.activations.values()) {
			if (filter.test(activation)) {
				activation.requestPassivation(Envelope.SystemMessage.PASSIVATE);
				asked++;
			}
		}
		return asked;
	}

	List<Activation> snapshot() {
		return new ArrayList<>(this.activations.values());
	}

	/** Passivates the least recently used idle actors while more than the cap are active. */
	void evictIfOverCapacity() {
		int excess = this.activeCount.get() - this.settings.maxActivations();
		if (excess <= 0 || !this.evicting.compareAndSet(false, true)) {
			return;
		}
		try {
			for (int i = 0; i < excess; i++) {
				Activation victim = null;
				for (int scanned = 0; scanned < EVICTION_SAMPLE; scanned++) {
					Iterator<Activation> cursor = this.evictionCursor;
					if (cursor == null || !cursor.hasNext()) {
						cursor = this.activations.values().iterator();
						this.evictionCursor = cursor;
						if (!cursor.hasNext()) {
							break;
						}
					}
					Activation candidate = cursor.next();
					// Busy actors are not skipped: their last activity is recent, and a caller's turn may still be
					// counted in the mailbox of an actor that is idle in fact. A passivation waits behind the calls.
					if (candidate.passivationRequested() || candidate.closed()) {
						continue;
					}
					if (victim == null || candidate.lastActivity < victim.lastActivity) {
						victim = candidate;
					}
				}
				if (victim == null) {
					return;
				}
				victim.requestPassivation(Envelope.SystemMessage.PASSIVATE);
			}
		}
		finally {
			this.evicting.set(false);
		}
	}

	int activeActors() {
		return this.activeCount.get();
	}

	boolean isActive(ActorKey key) {
		return this.activations.containsKey(key);
	}

	int queuedCalls() {
		int total = 0;
		for (Activation activation : this.activations.values()) {
			total += activation.pending();
		}
		for (ActorPool pool : this.pools.values()) {
			total += pool.queued();
		}
		return total;
	}

	void logUnpassivated() {
		logger.error(() -> this.activeCount.get() + " actors did not passivate in time; their unsaved state may be"
				+ " lost: " + this.activations.keySet());
	}

}
