package io.spawn.test;

import io.spawn.internal.time.ManualRuntimeClock;
import java.time.Duration;
import java.time.Instant;

/**
 * The virtual clock of a {@link SpawnTest}: time moves only when the test advances it, and every timer, delayed
 * call, snapshot and passivation due on the way runs. The runtime reads the same time; this type is all a test
 * sees of it.
 */
public final class SpawnTestClock {

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

	/** The runtime's view of this clock, for {@link SpawnTestConfiguration}. */
	ManualRuntimeClock runtimeClock() {
		return this.clock;
	}

}
