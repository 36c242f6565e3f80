package io.spawn.internal.schedule;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.time.RuntimeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Keeps scheduled invocations in memory and fires them from the {@link RuntimeClock}. Nothing survives a
 * restart: for tests and for apps without a database.
 */
public final class InMemoryInvocationScheduler implements InvocationScheduler {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(InMemoryInvocationScheduler.class));

	private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	private static final Comparator<ScheduledInvocation> BY_DUE_TIME = Comparator
		.comparingLong(ScheduledInvocation::dueAtMillis)
		.thenComparing(ScheduledInvocation::id);

	private final RuntimeClock clock;

	private final Map<String, ScheduledInvocation> byId = new HashMap<>();

	private final TreeSet<ScheduledInvocation> byDueTime = new TreeSet<>(BY_DUE_TIME);

	/** Ids being dispatched right now; a cancel removes the id so that the invocation is not put back. */
	private final Map<String, ScheduledInvocation> firing = new HashMap<>();

	/** Refused dispatches of the current occurrence of an invocation, for operators; absent when none. */
	private final Map<String, Integer> attempts = new HashMap<>();

	private @Nullable Dispatcher dispatcher;

	private RuntimeClock.@Nullable Cancellable wakeUp;

	private long wakeUpAt = Long.MAX_VALUE;

	public InMemoryInvocationScheduler(RuntimeClock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized void start(Dispatcher dispatcher) {
		this.dispatcher = dispatcher;
		armWakeUp();
	}

	@Override
	public synchronized void schedule(ScheduledInvocation invocation) {
		ScheduledInvocation previous = this.byId.put(invocation.id(), invocation);
		this.attempts.remove(invocation.id());
		if (previous != null) {
			this.byDueTime.remove(previous);
		}
		this.byDueTime.add(invocation);
		armWakeUp();
	}

	@Override
	public synchronized boolean cancel(String id) {
		ScheduledInvocation removed = this.byId.remove(id);
		this.attempts.remove(id);
		if (removed != null) {
			this.byDueTime.remove(removed);
		}
		return this.firing.remove(id) != null || removed != null;
	}

	@Override
	public synchronized int cancelAll(ActorKey actor) {
		List<String> ids = new ArrayList<>();
		for (ScheduledInvocation invocation : this.byId.values()) {
			if (targets(invocation, actor)) {
				ids.add(invocation.id());
			}
		}
		for (ScheduledInvocation invocation : this.firing.values()) {
			if (targets(invocation, actor)) {
				ids.add(invocation.id());
			}
		}
		ids.forEach(this::cancel);
		return ids.size();
	}

	@Override
	public synchronized void stop() {
		this.dispatcher = null;
		if (this.wakeUp != null) {
			this.wakeUp.cancel();
			this.wakeUp = null;
			this.wakeUpAt = Long.MAX_VALUE;
		}
	}

	@Override
	public synchronized List<ScheduleEntry> list(String system, @Nullable String actor, @Nullable String afterId,
			int limit) {
		TreeSet<ScheduledInvocation> matching = new TreeSet<>(Comparator.comparing(ScheduledInvocation::id));
		for (Map<String, ScheduledInvocation> source : List.of(this.byId, this.firing)) {
			for (ScheduledInvocation invocation : source.values()) {
				ActorKey target = ActorKey.target(invocation.request());
				if (target.system().equals(system) && (actor == null || target.name().equals(actor))
						&& (afterId == null || invocation.id().compareTo(afterId) > 0)) {
					matching.add(invocation);
				}
			}
		}
		List<ScheduleEntry> entries = new ArrayList<>();
		for (ScheduledInvocation invocation : matching) {
			if (entries.size() == limit) {
				break;
			}
			entries.add(new ScheduleEntry(invocation.id(), ActorKey.target(invocation.request()),
					invocation.request().getActionName(), invocation.dueAtMillis(), invocation.intervalMillis(),
					this.attempts.getOrDefault(invocation.id(), this.firing.containsKey(invocation.id()) ? 1 : 0)));
		}
		return entries;
	}

	/**
	 * Number of scheduled invocations.
	 * @return the count
	 */
	public synchronized int size() {
		return this.byId.size();
	}

	private static boolean targets(ScheduledInvocation invocation, ActorKey actor) {
		return ActorKey.target(invocation.request()).equals(actor);
	}

	private void armWakeUp() {
		if (this.dispatcher == null || this.byDueTime.isEmpty()) {
			return;
		}
		long due = this.byDueTime.first().dueAtMillis();
		if (this.wakeUp != null && this.wakeUpAt <= due) {
			return;
		}
		if (this.wakeUp != null) {
			this.wakeUp.cancel();
		}
		this.wakeUpAt = due;
		this.wakeUp = this.clock.schedule(Duration.ofMillis(due - this.clock.millis()), this::fireDue);
	}

	private void fireDue() {
		List<ScheduledInvocation> due = new ArrayList<>();
		Dispatcher target;
		synchronized (this) {
			this.wakeUp = null;
			this.wakeUpAt = Long.MAX_VALUE;
			target = this.dispatcher;
			if (target == null) {
				return;
			}
			long now = this.clock.millis();
			while (!this.byDueTime.isEmpty() && this.byDueTime.first().dueAtMillis() <= now) {
				ScheduledInvocation invocation = this.byDueTime.pollFirst();
				this.byId.remove(invocation.id());
				this.firing.put(invocation.id(), invocation);
				due.add(invocation);
			}
		}
		for (ScheduledInvocation invocation : due) {
			boolean accepted;
			try {
				accepted = target.dispatch(invocation);
			}
			catch (RuntimeException ex) {
				logger.warn(ex, () -> "Dispatch of scheduled invocation " + invocation.id() + " failed");
				accepted = false;
			}
			long now = this.clock.millis();
			if (!accepted) {
				synchronized (this) {
					this.attempts.merge(invocation.id(), 1, Integer::sum);
				}
				reschedule(new ScheduledInvocation(invocation.id(), invocation.request(),
						now + RETRY_DELAY.toMillis(), invocation.intervalMillis()));
			}
			else if (invocation.recurring()) {
				synchronized (this) {
					this.attempts.remove(invocation.id());
				}
				reschedule(invocation.next(now));
			}
			else {
				synchronized (this) {
					this.firing.remove(invocation.id());
					this.attempts.remove(invocation.id());
				}
			}
		}
		synchronized (this) {
			armWakeUp();
		}
	}

	private synchronized void reschedule(ScheduledInvocation invocation) {
		// A cancel or a replacement that arrived while this one was being dispatched wins.
		if (this.firing.remove(invocation.id()) != null && !this.byId.containsKey(invocation.id())) {
			this.byId.put(invocation.id(), invocation);
			this.byDueTime.add(invocation);
		}
	}

}
