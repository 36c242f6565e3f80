package io.spawn.internal.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * The thread a {@link Membership} runs on: its heartbeat every interval, its periodic tasks, and the refreshes that
 * discovery asks for between two heartbeats.
 */
final class MembershipThread {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(Membership.class));

	/** Whether a refresh asked for by {@link #soon} is queued and has not started yet. */
	private final AtomicBoolean queued = new AtomicBoolean();

	private volatile @Nullable ScheduledExecutorService executor;

	void start() {
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("spawn-membership").daemon().factory());
	}

	/**
	 * Runs a task every period until {@link #close()}; a failure is logged and the task runs again next period.
	 */
	void every(long periodMillis, Runnable task) {
		ScheduledExecutorService running = this.executor;
		if (running == null) {
			throw new IllegalStateException("membership is not started");
		}
		running.scheduleWithFixedDelay(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn(ex, () -> "A periodic membership task failed");
			}
		}, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Runs a refresh soon, once: calls that come while one is queued share it. Does nothing before
	 * {@link #start()} or after {@link #close()}.
	 */
	void soon(Runnable refresh) {
		ScheduledExecutorService running = this.executor;
		if (running == null || !this.queued.compareAndSet(false, true)) {
			return;
		}
		try {
			running.execute(() -> {
				this.queued.set(false);
				refresh.run();
			});
		}
		catch (RejectedExecutionException ex) {
			this.queued.set(false); // closed
		}
	}

	void close() {
		ScheduledExecutorService running = this.executor;
		if (running != null) {
			running.shutdownNow();
		}
	}

}
