package io.spawn.internal.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineWheelTests {

	private final DeadlineWheel wheel = new DeadlineWheel(1, "test-deadlines");

	@AfterEach
	void close() {
		this.wheel.close();
	}

	@Test
	void firesNoEarlierThanItsDelay() throws InterruptedException {
		ConcurrentLinkedQueue<Long> lateness = new ConcurrentLinkedQueue<>();
		CountDownLatch fired = new CountDownLatch(50);
		for (int i = 0; i < 50; i++) {
			long delay = TimeUnit.MILLISECONDS.toNanos(5 + i);
			long due = System.nanoTime() + delay;
			this.wheel.schedule(delay, () -> {
				lateness.add(System.nanoTime() - due);
				fired.countDown();
			});
		}
		assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(lateness).hasSize(50).allSatisfy((late) -> assertThat(late).isNotNegative());
	}

	@Test
	void aCancelledTimerNeverFiresWhetherOrNotItReachedTheWheel() throws InterruptedException {
		AtomicInteger cancelledRuns = new AtomicInteger();
		List<RuntimeClock.Cancellable> early = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			early.add(this.wheel.schedule(TimeUnit.MILLISECONDS.toNanos(30), cancelledRuns::incrementAndGet));
		}
		// Cancelled before the next tick: these never enter the wheel.
		early.forEach(RuntimeClock.Cancellable::cancel);
		List<RuntimeClock.Cancellable> late = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			late.add(this.wheel.schedule(TimeUnit.MILLISECONDS.toNanos(40), cancelledRuns::incrementAndGet));
		}
		Thread.sleep(10);
		// By now these are linked in the wheel: cancelling unlinks them.
		late.forEach(RuntimeClock.Cancellable::cancel);
		CountDownLatch witness = new CountDownLatch(1);
		this.wheel.schedule(TimeUnit.MILLISECONDS.toNanos(60), witness::countDown);
		assertThat(witness.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(cancelledRuns).hasValue(0);
	}

	@Test
	void aTimerBeyondOneTurnOfTheWheelWaitsForItsRound() throws InterruptedException {
		// 512 slots of 1 ms: 700 ms goes round the wheel once before it fires.
		long delay = TimeUnit.MILLISECONDS.toNanos(700);
		long due = System.nanoTime() + delay;
		CountDownLatch fired = new CountDownLatch(1);
		long[] at = new long[1];
		this.wheel.schedule(delay, () -> {
			at[0] = System.nanoTime();
			fired.countDown();
		});
		assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(at[0]).isGreaterThanOrEqualTo(due);
	}

	@Test
	void aFiredTimerRunsOnceAndCancelAfterwardsDoesNothing() throws InterruptedException {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch fired = new CountDownLatch(1);
		RuntimeClock.Cancellable timer = this.wheel.schedule(0, () -> {
			runs.incrementAndGet();
			fired.countDown();
		});
		assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
		timer.cancel();
		Thread.sleep(20);
		assertThat(runs).hasValue(1);
	}

	@Test
	void wakesFromIdleForANewTimerAndSurvivesAFailingTask() throws InterruptedException {
		this.wheel.schedule(0, () -> {
			throw new IllegalStateException("boom");
		});
		Thread.sleep(50);
		CountDownLatch fired = new CountDownLatch(1);
		this.wheel.schedule(TimeUnit.MILLISECONDS.toNanos(2), fired::countDown);
		assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void manyCallersScheduleAndCancelConcurrently() throws InterruptedException {
		int threads = 8;
		int perThread = 20_000;
		AtomicIntegerArray fired = new AtomicIntegerArray(threads * perThread);
		long[] due = new long[threads * perThread];
		long[] cancelledAt = new long[threads * perThread];
		List<Thread> callers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int first = t * perThread;
			callers.add(Thread.ofPlatform().start(() -> {
				for (int i = first; i < first + perThread; i++) {
					int index = i;
					long delay = TimeUnit.MILLISECONDS.toNanos(20);
					due[index] = System.nanoTime() + delay;
					RuntimeClock.Cancellable timer = this.wheel.schedule(delay, () -> fired.incrementAndGet(index));
					if (index % 100 != 0) {
						timer.cancel();
						// Taken after cancel returned: a timer that fired anyway must have been due by then.
						cancelledAt[index] = System.nanoTime();
					}
				}
			}));
		}
		for (Thread caller : callers) {
			caller.join(TimeUnit.SECONDS.toMillis(30));
		}
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < until && !allKeptFired(fired, cancelledAt)) {
			Thread.sleep(10);
		}
		Thread.sleep(50);
		for (int i = 0; i < fired.length(); i++) {
			assertThat(fired.get(i)).as("runs of timer %d", i).isLessThanOrEqualTo(1);
			if (cancelledAt[i] == 0) {
				assertThat(fired.get(i)).as("timer %d, never cancelled", i).isEqualTo(1);
			}
			else if (fired.get(i) == 1) {
				// A caller descheduled past the deadline before its cancel: the timer had fired already.
				assertThat(cancelledAt[i]).as("timer %d fired though cancelled before its deadline", i)
					.isGreaterThanOrEqualTo(due[i]);
			}
		}
	}

	private static boolean allKeptFired(AtomicIntegerArray fired, long[] cancelledAt) {
		for (int i = 0; i < fired.length(); i++) {
			if (cancelledAt[i] == 0 && fired.get(i) == 0) {
				return false;
			}
		}
		return true;
	}

	@Test
	void refusesANonPositiveTick() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DeadlineWheel(0, "x")).withMessageContaining("tick");
	}

}
