package io.spawn.proxy.config;

import io.spawn.internal.state.jpa.PersistenceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Persisted actor state, kept with Spawn's own tables in the database.
 * <p>
 * Bound under {@code spawn.proxy.state}, as a group of {@link SpawnProxyProperties}.
 */
public class SpawnProxyStateProperties {

	/**
	 * Revisions of each actor's state kept for point-in-time restore (spawn with a revision), at least 1.
	 */
	private int historyRetention = PersistenceSettings.DEFAULT_HISTORY_RETENTION;

	/**
	 * How long this proxy's lease on an actor lasts without renewal; renewed every third of it. Bounds how
	 * long actors of a replica that died without shutting down stay unavailable to the other replicas.
	 */
	private Duration leaseDuration = PersistenceSettings.DEFAULT_LEASE_DURATION;

	/**
	 * How often history revisions beyond the retention are deleted, in the background.
	 */
	private Duration historyTrimInterval = PersistenceSettings.DEFAULT_HISTORY_TRIM_INTERVAL;

	/**
	 * Per actor type, keyed "system/actorType" (in brackets in a key, such as time-to-live.[shop/cart]=7d): how
	 * long a state may stay neither written nor leased before it is purged with its history. Empty purges
	 * nothing.
	 */
	private Map<String, Duration> timeToLive = new LinkedHashMap<>();

	/**
	 * How often expired state is looked for when a time-to-live is set.
	 */
	private Duration purgeInterval = PersistenceSettings.DEFAULT_PURGE_INTERVAL;

	/**
	 * How many group commits may run at once, each on its own database connection; size
	 * spawn.proxy.database.max-pool-size for them plus the scheduler, lease renewal and activations.
	 */
	private int commitSlots = PersistenceSettings.DEFAULT_COMMIT_SLOTS;

	private final Encryption encryption = new Encryption();

	public Duration getHistoryTrimInterval() {
		return this.historyTrimInterval;
	}

	public void setHistoryTrimInterval(Duration historyTrimInterval) {
		this.historyTrimInterval = historyTrimInterval;
	}

	public Map<String, Duration> getTimeToLive() {
		return this.timeToLive;
	}

	public void setTimeToLive(Map<String, Duration> timeToLive) {
		this.timeToLive = timeToLive;
	}

	public Duration getPurgeInterval() {
		return this.purgeInterval;
	}

	public void setPurgeInterval(Duration purgeInterval) {
		this.purgeInterval = purgeInterval;
	}

	public int getCommitSlots() {
		return this.commitSlots;
	}

	public void setCommitSlots(int commitSlots) {
		this.commitSlots = commitSlots;
	}

	public int getHistoryRetention() {
		return this.historyRetention;
	}

	public void setHistoryRetention(int historyRetention) {
		this.historyRetention = historyRetention;
	}

	public Duration getLeaseDuration() {
		return this.leaseDuration;
	}

	public void setLeaseDuration(Duration leaseDuration) {
		this.leaseDuration = leaseDuration;
	}

	public Encryption getEncryption() {
		return this.encryption;
	}


	/**
	 * Encryption of state at rest.
	 */
	public static class Encryption {

		/**
		 * Base64 of a 32-byte AES-256-GCM key; when set, state bytes are encrypted at rest. Also read from
		 * SPAWN_STATESTORE_KEY.
		 */
		private @Nullable String key;

		/**
		 * Earlier keys (base64, 32 bytes each), still accepted for reading state they encrypted, while it is
		 * rewritten with the current key. Requires a current key.
		 */
		private List<String> oldKeys = new ArrayList<>();

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public List<String> getOldKeys() {
			return this.oldKeys;
		}

		public void setOldKeys(List<String> oldKeys) {
			this.oldKeys = oldKeys;
		}

	}

}
