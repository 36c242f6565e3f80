package io.spawn.test;

import io.spawn.internal.time.ManualRuntimeClock;
import io.spawn.internal.time.RuntimeClock;
import java.time.Duration;
import java.time.Instant;

/**
 * The virtual clock of a {@link SpawnTest}: time moves only when the test advances it, and every timer, delayed
 * call, snapshot and passivation due on the way runs.
 */
public final class SpawnTestClock implements RuntimeClock {

	private final ManualRuntimeClock clock;

	SpawnTestClock(Instant start) {
		this.clock = new ManualRuntimeClock(start);
	}

	/**
	 * Moves time forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.clock.advance(duration);
	}

	/**
	 * The current virtual time.
	 * @return the time
	 */
	public Instant now() {
		return Instant.ofEpochMilli(this.clock.millis());
	}

	@Override
	public long millis() {
		return this.clock.millis();
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		return this.clock.schedule(delay, task);
	}

}
