package io.spawn.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of Spawn in an application.
 */
@ConfigurationProperties("spawn")
public class SpawnProperties {

	/**
	 * Whether Spawn is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Where the actor runtime runs: in this application (embedded) or in a sidecar proxy beside it.
	 */
	private Mode mode = Mode.EMBEDDED;

	/**
	 * Name of the actor system the application's actors belong to.
	 */
	private String system = "spawn-system";

	/**
	 * Per-actor overrides of the @Actor settings, by actor name.
	 */
	private final Map<String, ActorProperties> actors = new LinkedHashMap<>();

	@NestedConfigurationProperty
	private final SpawnEmbeddedProperties embedded = new SpawnEmbeddedProperties();

	@NestedConfigurationProperty
	private final SpawnSidecarProperties sidecar = new SpawnSidecarProperties();

	@NestedConfigurationProperty
	private final SpawnRestProperties rest = new SpawnRestProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public String getSystem() {
		return this.system;
	}

	public void setSystem(String system) {
		this.system = system;
	}

	public Map<String, ActorProperties> getActors() {
		return this.actors;
	}

	public SpawnEmbeddedProperties getEmbedded() {
		return this.embedded;
	}

	public SpawnSidecarProperties getSidecar() {
		return this.sidecar;
	}

	public SpawnRestProperties getRest() {
		return this.rest;
	}

	/**
	 * Where the actor runtime runs.
	 */
	public enum Mode {

		/** In this application, with an in-process host: a monolith. */
		EMBEDDED,

		/** In a spawn-proxy sidecar that calls this application over HTTP. */
		SIDECAR

	}

	/**
	 * Overrides of one actor's @Actor settings; unset values keep the annotation's.
	 */
	public static class ActorProperties {

		/**
		 * Whether the actor's state is persisted.
		 */
		private @Nullable Boolean stateful;

		/**
		 * Idle time before the actor is passivated.
		 */
		private @Nullable Duration idleTimeout;

		/**
		 * Longest time a changed state waits before it is persisted.
		 */
		private @Nullable Duration snapshotInterval;

		/**
		 * Whether every state change is committed before the call returns.
		 */
		private @Nullable Boolean writeThrough;

		/**
		 * Fewest workers of a pooled actor.
		 */
		private @Nullable Integer minPoolSize;

		/**
		 * Most concurrent workers of a pooled actor.
		 */
		private @Nullable Integer maxPoolSize;

		/**
		 * Extra tags of the actor.
		 */
		private final Map<String, String> tags = new LinkedHashMap<>();

		public @Nullable Boolean getStateful() {
			return this.stateful;
		}

		public void setStateful(@Nullable Boolean stateful) {
			this.stateful = stateful;
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public @Nullable Duration getSnapshotInterval() {
			return this.snapshotInterval;
		}

		public void setSnapshotInterval(@Nullable Duration snapshotInterval) {
			this.snapshotInterval = snapshotInterval;
		}

		public @Nullable Boolean getWriteThrough() {
			return this.writeThrough;
		}

		public void setWriteThrough(@Nullable Boolean writeThrough) {
			this.writeThrough = writeThrough;
		}

		public @Nullable Integer getMinPoolSize() {
			return this.minPoolSize;
		}

		public void setMinPoolSize(@Nullable Integer minPoolSize) {
			this.minPoolSize = minPoolSize;
		}

		public @Nullable Integer getMaxPoolSize() {
			return this.maxPoolSize;
		}

		public void setMaxPoolSize(@Nullable Integer maxPoolSize) {
			this.maxPoolSize = maxPoolSize;
		}

		public Map<String, String> getTags() {
			return this.tags;
		}

	}

}
