package io.spawn.internal.state.jpa;

import io.spawn.internal.state.StateEncryption;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the durable store.
 * @param nodeId this node's identity in leases and schedule claims; must differ between nodes that share a
 * database, and should stay the same across restarts of one node so that it takes its own leases back at once
 * @param historyRetention revisions of each actor kept for point-in-time restore, at least 1
 * @param leaseDuration how long a lease lasts without renewal; renewed every third of it
 * @param maxBatch most writes committed in one group-commit transaction
 * @param schedulePollInterval how often due delayed calls and timers are looked for
 * @param scheduleBatch most scheduled invocations claimed per poll
 * @param scheduleClaimTimeout how long a claimed invocation stays with its node before another may fire it
 * @param encryption encryption at rest
 * @param historyTrimInterval how often history rows beyond the retention are deleted (in the background, for the
 * actors written since the last run)
 * @param stateTimeToLive per actor type, keyed {@code "system/actorType"} (the actor's name for a named actor, its
 * template for an unnamed instance): how long a snapshot may stay unwritten and unleased before it is purged with
 * its history; empty (the default) purges nothing
 * @param purgeInterval how often expired state is looked for when a time-to-live is set
 * @param commitSlots how many group commits may run at once, each on its own connection; size the connection
 * pool for them plus the scheduler, lease renewal and concurrent activations
 */
public record PersistenceSettings(String nodeId, int historyRetention, Duration leaseDuration, int maxBatch,
		Duration schedulePollInterval, int scheduleBatch, Duration scheduleClaimTimeout, StateEncryption encryption,
		Duration historyTrimInterval, Map<String, Duration> stateTimeToLive, Duration purgeInterval, int commitSlots) {

	/** Default revisions of each actor kept for point-in-time restore. */
	public static final int DEFAULT_HISTORY_RETENTION = 10;

	/** Default lease duration. */
	public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);

	/** Default interval between trims of history beyond the retention. */
	public static final Duration DEFAULT_HISTORY_TRIM_INTERVAL = Duration.ofSeconds(1);

	/** Default interval between looks for expired state, when a time-to-live is set. */
	public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(1);

	/** Default number of group commits that may run at once. */
	public static final int DEFAULT_COMMIT_SLOTS = 4;

	public PersistenceSettings {
		if (nodeId == null || nodeId.isBlank()) {
			throw new IllegalArgumentException("nodeId must not be blank");
		}
		if (historyRetention < 1) {
			throw new IllegalArgumentException("historyRetention must be at least 1, was " + historyRetention);
		}
		if (maxBatch < 1 || scheduleBatch < 1 || commitSlots < 1) {
			throw new IllegalArgumentException("batch sizes must be at least 1");
		}
		for (Duration duration : new Duration[] { leaseDuration, schedulePollInterval, scheduleClaimTimeout,
				historyTrimInterval, purgeInterval }) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("durations must be positive, was " + duration);
			}
		}
		stateTimeToLive = Map.copyOf(stateTimeToLive);
		stateTimeToLive.forEach((type, ttl) -> {
			int slash = type.indexOf('/');
			if (slash <= 0 || slash == type.length() - 1) {
				throw new IllegalArgumentException(
						"state time-to-live keys are 'system/actorType', was '" + type + "'");
			}
			if (ttl.isNegative() || ttl.isZero()) {
				throw new IllegalArgumentException("time-to-live of '" + type + "' must be positive, was " + ttl);
			}
		});
	}

	/**
	 * Defaults for a node: 10 revisions of history trimmed every second, 15 s leases, up to 4 group commits at once
	 * of up to 256 writes each,
	 * schedules polled every 250 ms in batches of 100 with a 30 s claim, no encryption, no state time-to-live
	 * (looked for every minute once one is set).
	 * @param nodeId the node's identity
	 * @return the settings
	 */
	public static PersistenceSettings defaults(String nodeId) {
		return new PersistenceSettings(nodeId, DEFAULT_HISTORY_RETENTION, DEFAULT_LEASE_DURATION, 256,
				Duration.ofMillis(250), 100, Duration.ofSeconds(30), StateEncryption.none(), DEFAULT_HISTORY_TRIM_INTERVAL,
				Map.of(), DEFAULT_PURGE_INTERVAL, DEFAULT_COMMIT_SLOTS);
	}

	public PersistenceSettings withEncryption(StateEncryption encryption) {
		return new PersistenceSettings(this.nodeId, this.historyRetention, this.leaseDuration, this.maxBatch,
				this.schedulePollInterval, this.scheduleBatch, this.scheduleClaimTimeout, encryption,
				this.historyTrimInterval, this.stateTimeToLive, this.purgeInterval, this.commitSlots);
	}

	public PersistenceSettings withHistoryRetention(int revisions) {
		return new PersistenceSettings(this.nodeId, revisions, this.leaseDuration, this.maxBatch,
				this.schedulePollInterval, this.scheduleBatch, this.scheduleClaimTimeout, this.encryption,
				this.historyTrimInterval, this.stateTimeToLive, this.purgeInterval, this.commitSlots);
	}

	public PersistenceSettings withLeaseDuration(Duration duration) {
		return new PersistenceSettings(this.nodeId, this.historyRetention, duration, this.maxBatch,
				this.schedulePollInterval, this.scheduleBatch, this.scheduleClaimTimeout, this.encryption,
				this.historyTrimInterval, this.stateTimeToLive, this.purgeInterval, this.commitSlots);
	}

	public PersistenceSettings withSchedulePollInterval(Duration interval) {
		return new PersistenceSettings(this.nodeId, this.historyRetention, this.leaseDuration, this.maxBatch,
				interval, this.scheduleBatch, this.scheduleClaimTimeout, this.encryption, this.historyTrimInterval,
				this.stateTimeToLive, this.purgeInterval, this.commitSlots);
	}

	public PersistenceSettings withHistoryTrimInterval(Duration interval) {
		return new PersistenceSettings(this.nodeId, this.historyRetention, this.leaseDuration, this.maxBatch,
				this.schedulePollInterval, this.scheduleBatch, this.scheduleClaimTimeout, this.encryption, interval,
				this.stateTimeToLive, this.purgeInterval, this.commitSlots);
	}

	/**
	 * Purges state of the given actor types once it has been neither written nor leased for their time-to-live.
	 * @param timeToLive per {@code "system/actorType"}
	 * @param interval how often to look for expired state
	 * @return the settings
	 */
	public PersistenceSettings withStateTimeToLive(Map<String, Duration> timeToLive, Duration interval) {
		return new PersistenceSettings(this.nodeId, this.historyRetention, this.leaseDuration, this.maxBatch,
				this.schedulePollInterval, this.scheduleBatch, this.scheduleClaimTimeout, this.encryption,
				this.historyTrimInterval, timeToLive, interval, this.commitSlots);
	}

	/**
	 * Lets up to {@code slots} group commits run at once.
	 * @param slots at least 1
	 * @return the settings
	 */
	public PersistenceSettings withCommitSlots(int slots) {
		return new PersistenceSettings(this.nodeId, this.historyRetention, this.leaseDuration, this.maxBatch,
				this.schedulePollInterval, this.scheduleBatch, this.scheduleClaimTimeout, this.encryption,
				this.historyTrimInterval, this.stateTimeToLive, this.purgeInterval, slots);
	}

}
