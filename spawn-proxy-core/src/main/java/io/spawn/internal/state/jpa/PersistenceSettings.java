package io.spawn.internal.state.jpa;

import io.spawn.internal.state.StateEncryption;
import java.time.Duration;

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
 */
public record PersistenceSettings(String nodeId, int historyRetention, Duration leaseDuration, int maxBatch,
		Duration schedulePollInterval, int scheduleBatch, Duration scheduleClaimTimeout, StateEncryption encryption) {

	public PersistenceSettings {
		if (nodeId == null || nodeId.isBlank()) {
			throw new IllegalArgumentException("nodeId must not be blank");
		}
		if (historyRetention < 1) {
			throw new IllegalArgumentException("historyRetention must be at least 1, was " + historyRetention);
		}
		if (maxBatch < 1 || scheduleBatch < 1) {
			throw new IllegalArgumentException("batch sizes must be at least 1");
		}
		for (Duration duration : new Duration[] { leaseDuration, schedulePollInterval, scheduleClaimTimeout }) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("durations must be positive, was " + duration);
			}
		}
	}

	/**
	 * Defaults for a node: 10 revisions of history, 15 s leases, batches of up to 256 writes, schedules polled
	 * every 250 ms in batches of 100 with a 30 s claim, no encryption.
	 * @param nodeId the node's identity
	 * @return the settings
	 */
	public static PersistenceSettings defaults(String nodeId) {
		return new PersistenceSettings(nodeId, 10, Duration.ofSeconds(15), 256, Duration.ofMillis(250), 100,
				Duration.ofSeconds(30), StateEncryption.none());
	}

	public PersistenceSettings withEncryption(StateEncryption encryption) {
		return new PersistenceSettings(this.nodeId, this.historyRetention, this.leaseDuration, this.maxBatch,
				this.schedulePollInterval, this.scheduleBatch, this.scheduleClaimTimeout, encryption);
	}

	public PersistenceSettings withHistoryRetention(int revisions) {
		return new PersistenceSettings(this.nodeId, revisions, this.leaseDuration, this.maxBatch,
				this.schedulePollInterval, this.scheduleBatch, this.scheduleClaimTimeout, this.encryption);
	}

	public PersistenceSettings withLeaseDuration(Duration duration) {
		return new PersistenceSettings(this.nodeId, this.historyRetention, duration, this.maxBatch,
				this.schedulePollInterval, this.scheduleBatch, this.scheduleClaimTimeout, this.encryption);
	}

	public PersistenceSettings withSchedulePollInterval(Duration interval) {
		return new PersistenceSettings(this.nodeId, this.historyRetention, this.leaseDuration, this.maxBatch,
				interval, this.scheduleBatch, this.scheduleClaimTimeout, this.encryption);
	}

}
