package io.spawn.internal.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A virtual clock for tests: time stands still until {@link #advance(Duration)} moves it, and due tasks run on
 * the advancing thread in due-time order. Tasks scheduled while advancing run in the same advance when they fall
 * due within it.
 */
public final class ManualRuntimeClock implements RuntimeClock {

	private final ReentrantLock lock = new ReentrantLock();

	private final PriorityQueue<Task> tasks = new PriorityQueue<>();

	private final AtomicLong sequence = new AtomicLong();

	private volatile long now;

	public ManualRuntimeClock(Instant start) {
		this.now = start.toEpochMilli();
	}

	@Override
	public long millis() {
		return this.now;
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		Task scheduled = new Task(this.now + Math.max(0, delay.toMillis()), this.sequence.incrementAndGet(), task);
		this.lock.lock();
		try {
			this.tasks.add(scheduled);
		}
		finally {
			this.lock.unlock();
		}
		return () -> scheduled.cancelled = true;
	}

	/**
	 * Moves time forward, running every task that falls due on the way, each at its own due time.
	 * @param duration how far to move
	 */
	public void advance(Duration duration) {
		long target = this.now + duration.toMillis();
		while (true) {
			Task next;
			this.lock.lock();
			try {
				next = this.tasks.peek();
				if (next == null || next.dueAt > target) {
					break;
				}
				this.tasks.poll();
			}
			finally {
				this.lock.unlock();
			}
			if (!next.cancelled) {
				this.now = Math.max(this.now, next.dueAt);
				next.runnable.run();
			}
		}
		this.now = target;
	}

	/**
	 * Number of scheduled tasks not yet run or cancelled.
	 * @return the count
	 */
	public int pendingTasks() {
		this.lock.lock();
		try {
			return (int) this.tasks.stream().filter((task) -> !task.cancelled).count();
		}
		finally {
			this.lock.unlock();
		}
	}

	private static final class Task implements Comparable<Task> {

		final long dueAt;

		final long sequence;

		final Runnable runnable;

		volatile boolean cancelled;

		Task(long dueAt, long sequence, Runnable runnable) {
			this.dueAt = dueAt;
			this.sequence = sequence;
			this.runnable = runnable;
		}

		@Override
		public int compareTo(Task other) {
			int byTime = Long.compare(this.dueAt, other.dueAt);
			return (byTime != 0) ? byTime : Long.compare(this.sequence, other.sequence);
		}

	}

}
