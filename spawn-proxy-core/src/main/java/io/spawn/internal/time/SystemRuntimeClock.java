package io.spawn.internal.time;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The production clock: {@link System#currentTimeMillis()}, a single platform timer thread, and a
 * {@link DeadlineWheel} for call deadlines. Timer tasks are
 * expected to be short; the runtime hands blocking work to virtual threads.
 */
public final class SystemRuntimeClock implements RuntimeClock, AutoCloseable {

	/** Tick of the deadline wheel: how late a call's deadline may fire. */
	private static final long DEADLINE_TICK_MILLIS = 10;

	private final ScheduledThreadPoolExecutor timer;

	private final DeadlineWheel deadlines = new DeadlineWheel(DEADLINE_TICK_MILLIS, "spawn-runtime-deadlines");

	public SystemRuntimeClock() {
		this.timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "spawn-runtime-clock");
			thread.setDaemon(true);
			return thread;
		});
		// Cancelled timers (one per active actor's idle check) must not pile up.
		this.timer.setRemoveOnCancelPolicy(true);
		this.timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	@Override
	public long millis() {
		return System.currentTimeMillis();
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		ScheduledFuture<?> future = this.timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
		return () -> future.cancel(false);
	}

	@Override
	public Cancellable deadline(Duration delay, Runnable task) {
		return this.deadlines.schedule(delay.toNanos(), task);
	}

	@Override
	public void close() {
		this.deadlines.close();
		this.timer.shutdownNow();
	}

}
