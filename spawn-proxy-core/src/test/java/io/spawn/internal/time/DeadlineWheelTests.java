package io.spawn.internal.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
		AtomicInteger firedCount = new AtomicInteger();
		AtomicInteger expected = new AtomicInteger();
		List<Thread> callers = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			callers.add(Thread.ofPlatform().start(() -> {
				for (int i = 0; i < 20_000; i++) {
					RuntimeClock.Cancellable timer = this.wheel.schedule(TimeUnit.MILLISECONDS.toNanos(20),
							firedCount::incrementAndGet);
					if (i % 100 != 0) {
						timer.cancel();
					}
					else {
						expected.incrementAndGet();
					}
				}
			}));
		}
		for (Thread caller : callers) {
			caller.join(TimeUnit.SECONDS.toMillis(30));
		}
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (firedCount.get() < expected.get() && System.nanoTime() < until) {
			Thread.sleep(10);
		}
		Thread.sleep(50);
		assertThat(firedCount.get()).isEqualTo(expected.get()).isEqualTo(8 * 200);
	}

	@Test
	void refusesANonPositiveTick() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DeadlineWheel(0, "x")).withMessageContaining("tick");
	}

}
