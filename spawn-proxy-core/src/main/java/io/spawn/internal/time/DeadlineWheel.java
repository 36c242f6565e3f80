package io.spawn.internal.time;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Timers that are almost always cancelled before they fire, such as call deadlines: a hashed wheel of ticks
 * owned by one thread, as in Netty's {@code HashedWheelTimer}. Scheduling and cancelling are offers to lock-free
 * queues, never a lock shared with other callers (a {@code ScheduledThreadPoolExecutor} takes its one lock on both).
 * A timer cancelled before the next tick never enters the wheel, and the wheel unlinks a cancelled timer in
 * constant time, so memory follows the timers that are still waiting. A timer fires at most one tick late, never
 * early. Tasks run on the wheel's thread and must be short.
 */
public final class DeadlineWheel implements AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(DeadlineWheel.class));

	private static final int WHEEL_SIZE = 512;

	private static final int MASK = WHEEL_SIZE - 1;

	private final long tickNanos;

	private final long startNanos = System.nanoTime();

	private final ConcurrentLinkedQueue<Timer> added = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Timer> cancelled = new ConcurrentLinkedQueue<>();

	private final Bucket[] wheel = new Bucket[WHEEL_SIZE];

	private final Thread worker;

	/** Whether the worker is parked with nothing to wait for; a new timer then wakes it. */
	private volatile boolean idle;

	private volatile boolean closed;

	/** The tick being filled; worker thread only. */
	private long tick;

	/** Timers linked into the wheel; worker thread only. */
	private int linked;

	/**
	 * Starts a wheel and its thread.
	 * @param tickMillis the tick: how late a timer may fire
	 * @param threadName the name of the wheel's thread
	 */
	public DeadlineWheel(long tickMillis, String threadName) {
		if (tickMillis <= 0) {
			throw new IllegalArgumentException("tick must be positive, was " + tickMillis + " ms");
		}
		this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
		for (int i = 0; i < WHEEL_SIZE; i++) {
			this.wheel[i] = new Bucket();
		}
		this.worker = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
		this.worker.start();
	}

	/**
	 * Runs {@code task} once, no earlier than {@code delayNanos} from now.
	 * @param delayNanos the delay; zero or negative fires at the next tick
	 * @param task what to run
	 * @return the handle that cancels it
	 */
	public RuntimeClock.Cancellable schedule(long delayNanos, Runnable task) {
		Timer timer = new Timer(this, System.nanoTime() + Math.max(0, delayNanos), task);
		if (this.closed) {
			return timer;
		}
		this.added.offer(timer);
		if (this.idle) {
			LockSupport.unpark(this.worker);
		}
		return timer;
	}

	@Override
	public void close() {
		this.closed = true;
		LockSupport.unpark(this.worker);
	}

	private void run() {
		while (!this.closed) {
			if (this.linked == 0 && this.added.isEmpty()) {
				this.idle = true;
				// Checked again after saying so: a timer offered before the flag was seen is not missed.
				if (this.added.isEmpty() && !this.closed) {
					LockSupport.park(this);
				}
				this.idle = false;
				this.tick = (System.nanoTime() - this.startNanos) / this.tickNanos;
				continue;
			}
			long endOfTick = this.startNanos + (this.tick + 1) * this.tickNanos;
			long wait;
			while ((wait = endOfTick - System.nanoTime()) > 0 && !this.closed) {
				LockSupport.parkNanos(this, wait);
			}
			transferAdded();
			unlinkCancelled();
			expire(this.wheel[(int) (this.tick & MASK)]);
			this.tick++;
		}
	}

	private void transferAdded() {
		Timer timer;
		while ((timer = this.added.poll()) != null) {
			timer.inWheel = true;
			// After inWheel is visible: a cancel that missed it has set the state, and the timer is not linked.
			if (timer.state != Timer.WAITING) {
				continue;
			}
			long due = (timer.deadline - this.startNanos) / this.tickNanos;
			long at = Math.max(due, this.tick);
			timer.remainingRounds = (at - this.tick) / WHEEL_SIZE;
			this.wheel[(int) (at & MASK)].add(timer);
			this.linked++;
		}
	}

	private void unlinkCancelled() {
		Timer timer;
		while ((timer = this.cancelled.poll()) != null) {
			Bucket bucket = timer.bucket;
			if (bucket != null) {
				bucket.remove(timer);
				this.linked--;
			}
		}
	}

	private void expire(Bucket bucket) {
		Timer timer = bucket.head;
		while (timer != null) {
			Timer next = timer.next;
			if (timer.remainingRounds > 0) {
				timer.remainingRounds--;
			}
			else {
				bucket.remove(timer);
				this.linked--;
				timer.fire();
			}
			timer = next;
		}
	}

	/** One slot of the wheel: a doubly linked list the worker alone touches. */
	private static final class Bucket {

		private @Nullable Timer head;

		private @Nullable Timer tail;

		void add(Timer timer) {
			timer.bucket = this;
			timer.prev = this.tail;
			timer.next = null;
			if (this.tail != null) {
				this.tail.next = timer;
			}
			else {
				this.head = timer;
			}
			this.tail = timer;
		}

		void remove(Timer timer) {
			if (timer.prev != null) {
				timer.prev.next = timer.next;
			}
			else {
				this.head = timer.next;
			}
			if (timer.next != null) {
				timer.next.prev = timer.prev;
			}
			else {
				this.tail = timer.prev;
			}
			timer.prev = null;
			timer.next = null;
			timer.bucket = null;
		}

	}

	private static final class Timer implements RuntimeClock.Cancellable {

		static final int WAITING = 0;

		static final int CANCELLED = 1;

		static final int FIRED = 2;

		private static final AtomicIntegerFieldUpdater<Timer> STATE = AtomicIntegerFieldUpdater
			.newUpdater(Timer.class, "state");

		private final DeadlineWheel wheel;

		final long deadline;

		private final Runnable task;

		volatile int state;

		/** Whether the worker has taken it from the added queue; a cancel must then tell the worker. */
		volatile boolean inWheel;

		long remainingRounds;

		@Nullable Timer prev;

		@Nullable Timer next;

		@Nullable Bucket bucket;

		Timer(DeadlineWheel wheel, long deadline, Runnable task) {
			this.wheel = wheel;
			this.deadline = deadline;
			this.task = task;
		}

		@Override
		public void cancel() {
			if (STATE.compareAndSet(this, WAITING, CANCELLED) && this.inWheel) {
				this.wheel.cancelled.offer(this);
			}
		}

		void fire() {
			if (!STATE.compareAndSet(this, WAITING, FIRED)) {
				return;
			}
			try {
				this.task.run();
			}
			catch (Throwable ex) {
				logger.error(ex, "A deadline task failed");
			}
		}

	}

}
