package io.spawn.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: a number of caller threads, each making one call at a time and timing it, for a warm-up
 * and then a measured window. Every caller keeps its own histogram, merged after the window, so that recording
 * costs no shared write.
 */
final class ClosedLoop {

	/** One synchronous call; {@code caller} is the caller's index and {@code sequence} its call count. */
	@FunctionalInterface
	interface Call {

		void run(int caller, long sequence) throws Exception;

	}

	/** What a window measured. */
	record Result(long calls, double seconds, Histogram latency, long failures) {

		double perSecond() {
			return this.calls / this.seconds;
		}

		double p50() {
			return this.latency.getValueAtPercentile(50);
		}

		double p99() {
			return this.latency.getValueAtPercentile(99);
		}

	}

	private ClosedLoop() {
	}

	/**
	 * Runs {@code callers} threads against {@code call}: {@code warmup} unmeasured, then {@code window} measured.
	 * @return the measured window
	 */
	static Result run(String name, int callers, Duration warmup, Duration window, Call call)
			throws InterruptedException {
		return run(name, callers, false, warmup, window, call);
	}

	/**
	 * Runs {@code callers} threads, platform or virtual, against {@code call}: {@code warmup} unmeasured, then
	 * {@code window} measured.
	 * @return the measured window
	 */
	static Result run(String name, int callers, boolean virtual, Duration warmup, Duration window, Call call)
			throws InterruptedException {
		// 0 = warm-up, 1 = measured, 2 = stop
		AtomicLong phase = new AtomicLong();
		List<Histogram> histograms = new ArrayList<>();
		long[] counts = new long[callers * 16];
		AtomicLong failures = new AtomicLong();
		AtomicReference<Throwable> firstFailure = new AtomicReference<>();
		CountDownLatch done = new CountDownLatch(callers);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			Histogram histogram = new Histogram(3_600_000_000_000L, 3);
			histograms.add(histogram);
			int caller = i;
			Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
			threads.add(builder.name(name + "-caller-" + i).unstarted(() -> {
				long sequence = 0;
				long measured = 0;
				try {
					while (true) {
						long state = phase.get();
						if (state == 2) {
							break;
						}
						long start = System.nanoTime();
						try {
							call.run(caller, sequence++);
						}
						catch (Throwable ex) {
							failures.incrementAndGet();
							firstFailure.compareAndSet(null, ex);
							continue;
						}
						long end = System.nanoTime();
						if (state == 1 && phase.get() == 1) {
							histogram.recordValue(end - start);
							measured++;
						}
					}
				}
				finally {
					counts[caller * 16] = measured;
					done.countDown();
				}
			}));
		}
		threads.forEach(Thread::start);
		Thread.sleep(warmup.toMillis());
		long start = System.nanoTime();
		phase.set(1);
		Thread.sleep(window.toMillis());
		phase.set(2);
		long end = System.nanoTime();
		done.await();
		Histogram merged = new Histogram(3_600_000_000_000L, 3);
		long total = 0;
		for (int i = 0; i < callers; i++) {
			merged.add(histograms.get(i));
			total += counts[i * 16];
		}
		Throwable failure = firstFailure.get();
		if (failure != null) {
			System.err.println(name + ": " + failures.get() + " calls failed; first: " + failure);
		}
		return new Result(total, (end - start) / 1e9, merged, failures.get());
	}

}
