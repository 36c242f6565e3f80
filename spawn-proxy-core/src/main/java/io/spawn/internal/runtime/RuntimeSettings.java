package io.spawn.internal.runtime;

import java.time.Duration;

/**
 * Limits and defaults of an {@link ActorRuntime}. Timeouts an actor leaves unset (0 on the wire) take these
 * defaults; they are never 0.
 * @param defaultIdleTimeout idle time before an actor is passivated, when its registration sets none
 * @param defaultSnapshotInterval write-behind delay, when its registration sets none
 * @param defaultCallTimeout deadline of a synchronous call without a {@code request-timeout}
 * @param mailboxCapacity queued calls per actor (per pool) beyond which calls are refused
 * @param maxActivations activated actors beyond which the least recently used are passivated
 * @param defaultMaxPoolSize concurrency of a POOLED actor whose registration sets no maximum
 */
public record RuntimeSettings(Duration defaultIdleTimeout, Duration defaultSnapshotInterval,
		Duration defaultCallTimeout, int mailboxCapacity, int maxActivations, int defaultMaxPoolSize) {

	/** Default idle time before an actor is passivated. */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

	/** Default write-behind delay. */
	public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofSeconds(2);

	/** Default deadline of a synchronous call. */
	public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

	/** Default queued calls per actor (per pool) beyond which calls are refused. */
	public static final int DEFAULT_MAILBOX_CAPACITY = 10_000;

	/** Default activated actors beyond which the least recently used are passivated. */
	public static final int DEFAULT_MAX_ACTIVATIONS = 1_000_000;

	/** Default concurrency of a POOLED actor. */
	public static final int DEFAULT_MAX_POOL_SIZE = 16;

	/**
	 * Default time a shutdown of the runtime allows queued calls to finish and changed state to be persisted (the
	 * argument of {@link ActorRuntime#shutdown}).
	 */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	public RuntimeSettings {
		requirePositive(defaultIdleTimeout, "defaultIdleTimeout");
		requirePositive(defaultSnapshotInterval, "defaultSnapshotInterval");
		requirePositive(defaultCallTimeout, "defaultCallTimeout");
		requirePositive(mailboxCapacity, "mailboxCapacity");
		requirePositive(maxActivations, "maxActivations");
		requirePositive(defaultMaxPoolSize, "defaultMaxPoolSize");
	}

	/**
	 * The defaults: passivate after 60 s idle, snapshot within 2 s, 30 s call deadline, 10,000 queued calls per
	 * actor, 1,000,000 activated actors, pools of up to 16 workers.
	 * @return the defaults
	 */
	public static RuntimeSettings defaults() {
		return new RuntimeSettings(DEFAULT_IDLE_TIMEOUT, DEFAULT_SNAPSHOT_INTERVAL, DEFAULT_CALL_TIMEOUT,
				DEFAULT_MAILBOX_CAPACITY, DEFAULT_MAX_ACTIVATIONS, DEFAULT_MAX_POOL_SIZE);
	}

	public RuntimeSettings withDefaultIdleTimeout(Duration timeout) {
		return new RuntimeSettings(timeout, this.defaultSnapshotInterval, this.defaultCallTimeout,
				this.mailboxCapacity, this.maxActivations, this.defaultMaxPoolSize);
	}

	public RuntimeSettings withDefaultSnapshotInterval(Duration interval) {
		return new RuntimeSettings(this.defaultIdleTimeout, interval, this.defaultCallTimeout, this.mailboxCapacity,
				this.maxActivations, this.defaultMaxPoolSize);
	}

	public RuntimeSettings withDefaultCallTimeout(Duration timeout) {
		return new RuntimeSettings(this.defaultIdleTimeout, this.defaultSnapshotInterval, timeout,
				this.mailboxCapacity, this.maxActivations, this.defaultMaxPoolSize);
	}

	public RuntimeSettings withMailboxCapacity(int capacity) {
		return new RuntimeSettings(this.defaultIdleTimeout, this.defaultSnapshotInterval, this.defaultCallTimeout,
				capacity, this.maxActivations, this.defaultMaxPoolSize);
	}

	public RuntimeSettings withMaxActivations(int max) {
		return new RuntimeSettings(this.defaultIdleTimeout, this.defaultSnapshotInterval, this.defaultCallTimeout,
				this.mailboxCapacity, max, this.defaultMaxPoolSize);
	}

	public RuntimeSettings withDefaultMaxPoolSize(int max) {
		return new RuntimeSettings(this.defaultIdleTimeout, this.defaultSnapshotInterval, this.defaultCallTimeout,
				this.mailboxCapacity, this.maxActivations, max);
	}

	private static void requirePositive(Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	private static void requirePositive(int value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
