package io.spawn.internal.time;

import java.time.Duration;

/**
 * The runtime's only source of time: wall-clock milliseconds and one-shot timers. Every timeout in the runtime
 * (idle passivation, write-behind snapshots, call deadlines, delayed calls, timer actions) goes through it.
 */
public interface RuntimeClock {

	/**
	 * Current time in epoch milliseconds.
	 * @return the time
	 */
	long millis();

	/**
	 * Runs {@code task} once after {@code delay}. The task must be short and must not block: it runs on the
	 * clock's own thread and should hand real work to another thread.
	 * @param delay time from now; zero or negative runs as soon as possible
	 * @param task what to run
	 * @return a handle that cancels the task if it has not run yet
	 */
	Cancellable schedule(Duration delay, Runnable task);

	/**
	 * Runs {@code task} once after {@code delay}, for a timer that is almost always cancelled before it fires,
	 * such as a call's deadline. It may fire a few milliseconds late, never early, and arming and cancelling it
	 * must stay cheap under many concurrent callers. The default is {@link #schedule}.
	 * @param delay time from now
	 * @param task what to run; short and non-blocking, as for {@link #schedule}
	 * @return a handle that cancels the task if it has not run yet
	 */
	default Cancellable deadline(Duration delay, Runnable task) {
		return schedule(delay, task);
	}

	/**
	 * A scheduled task that can be cancelled.
	 */
	@FunctionalInterface
	interface Cancellable {

		/**
		 * Cancels the task; does nothing if it has run or was cancelled already.
		 */
		void cancel();

	}

}
