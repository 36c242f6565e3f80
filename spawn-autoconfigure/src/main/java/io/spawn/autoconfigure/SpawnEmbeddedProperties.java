package io.spawn.autoconfigure;

import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.state.jpa.PersistenceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings of the embedded runtime, in the same groups and names as the proxy's ({@code spawn.proxy.runtime},
 * {@code .state}, {@code .shutdown}, {@code .cluster}).
 * <p>
 * Bound under {@code spawn.embedded}, as a group of {@link SpawnProperties}.
 */
public class SpawnEmbeddedProperties {

	/**
	 * Identity of this instance in actor leases; must differ between instances sharing a database and should
	 * stay the same across restarts of one instance. Defaults to the HOSTNAME environment variable.
	 */
	private @Nullable String nodeId;

	/**
	 * Whether to keep actor state in the application's DataSource when there is one.
	 */
	private boolean persistent = true;

	private final Runtime runtime = new Runtime();

	private final State state = new State();

	private final Shutdown shutdown = new Shutdown();

	@NestedConfigurationProperty
	private final SpawnEmbeddedClusterProperties cluster = new SpawnEmbeddedClusterProperties();

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public boolean isPersistent() {
		return this.persistent;
	}

	public void setPersistent(boolean persistent) {
		this.persistent = persistent;
	}

	public Runtime getRuntime() {
		return this.runtime;
	}

	public State getState() {
		return this.state;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public SpawnEmbeddedClusterProperties getCluster() {
		return this.cluster;
	}


	/**
	 * Defaults and limits of the embedded actor runtime. Settings an actor leaves unset take these values.
	 */
	public static class Runtime {

		/**
		 * Idle time after which an actor is passivated, when the actor sets none.
		 */
		private Duration idleTimeout = RuntimeSettings.DEFAULT_IDLE_TIMEOUT;

		/**
		 * Delay within which a changed state is persisted (write-behind), when the actor sets none.
		 */
		private Duration snapshotInterval = RuntimeSettings.DEFAULT_SNAPSHOT_INTERVAL;

		/**
		 * Deadline of a call without its own timeout.
		 */
		private Duration callTimeout = RuntimeSettings.DEFAULT_CALL_TIMEOUT;

		/**
		 * Queued calls per actor (per pool) beyond which new calls are refused.
		 */
		private int mailboxCapacity = RuntimeSettings.DEFAULT_MAILBOX_CAPACITY;

		/**
		 * Activated actors beyond which the least recently used ones are passivated.
		 */
		private int maxActivations = RuntimeSettings.DEFAULT_MAX_ACTIVATIONS;

		/**
		 * Concurrent workers of a POOLED actor that sets no maximum pool size.
		 */
		private int maxPoolSize = RuntimeSettings.DEFAULT_MAX_POOL_SIZE;

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getSnapshotInterval() {
			return this.snapshotInterval;
		}

		public void setSnapshotInterval(Duration snapshotInterval) {
			this.snapshotInterval = snapshotInterval;
		}

		public Duration getCallTimeout() {
			return this.callTimeout;
		}

		public void setCallTimeout(Duration callTimeout) {
			this.callTimeout = callTimeout;
		}

		public int getMailboxCapacity() {
			return this.mailboxCapacity;
		}

		public void setMailboxCapacity(int mailboxCapacity) {
			this.mailboxCapacity = mailboxCapacity;
		}

		public int getMaxActivations() {
			return this.maxActivations;
		}

		public void setMaxActivations(int maxActivations) {
			this.maxActivations = maxActivations;
		}

		public int getMaxPoolSize() {
			return this.maxPoolSize;
		}

		public void setMaxPoolSize(int maxPoolSize) {
			this.maxPoolSize = maxPoolSize;
		}

	}

	/**
	 * Persisted actor state of the embedded runtime, kept with Spawn's own tables in the application's DataSource.
	 */
	public static class State {

		/**
		 * Revisions of each actor's state kept for point-in-time restore, at least 1.
		 */
		private int historyRetention = PersistenceSettings.DEFAULT_HISTORY_RETENTION;

		/**
		 * How often history revisions beyond the retention are deleted, in the background.
		 */
		private Duration historyTrimInterval = PersistenceSettings.DEFAULT_HISTORY_TRIM_INTERVAL;

		/**
		 * How long an instance's lease on an actor lasts without renewal; renewed every third of it. Members of a
		 * cluster take over a dead member's actors once it expired.
		 */
		private Duration leaseDuration = PersistenceSettings.DEFAULT_LEASE_DURATION;

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
		 * How many group commits may run at once, each on its own database connection; size the connection pool
		 * for them.
		 */
		private int commitSlots = PersistenceSettings.DEFAULT_COMMIT_SLOTS;

		private final Encryption encryption = new Encryption();

		public int getHistoryRetention() {
			return this.historyRetention;
		}

		public void setHistoryRetention(int historyRetention) {
			this.historyRetention = historyRetention;
		}

		public Duration getHistoryTrimInterval() {
			return this.historyTrimInterval;
		}

		public void setHistoryTrimInterval(Duration historyTrimInterval) {
			this.historyTrimInterval = historyTrimInterval;
		}

		public Duration getLeaseDuration() {
			return this.leaseDuration;
		}

		public void setLeaseDuration(Duration leaseDuration) {
			this.leaseDuration = leaseDuration;
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

		public Encryption getEncryption() {
			return this.encryption;
		}

	}

	/**
	 * Encryption of embedded state at rest.
	 */
	public static class Encryption {

		/**
		 * Base64 of a 32-byte AES-256-GCM key; when set, state bytes are encrypted at rest. Also read from
		 * SPAWN_STATESTORE_KEY.
		 */
		private @Nullable String key;

		/**
		 * Earlier keys (base64, 32 bytes each), still accepted for reading state they encrypted, while it is
		 * rewritten with the current key.
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

	/**
	 * Graceful shutdown of the embedded runtime.
	 */
	public static class Shutdown {

		/**
		 * Time allowed for queued calls to finish and for every changed state to be persisted when the application
		 * stops.
		 */
		private Duration timeout = RuntimeSettings.DEFAULT_SHUTDOWN_TIMEOUT;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
