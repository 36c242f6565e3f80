package io.spawn.autoconfigure;

import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.model.ActorRegistrations;
import io.spawn.internal.runtime.ActorRuntime;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;

/**
 * Starts the embedded runtime and registers the application's actors before the web server takes requests, and
 * stops it after the web server stopped: queued calls finish, changed state is persisted, leases are released.
 */
public final class SpawnEmbeddedLifecycle implements SmartLifecycle {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(SpawnEmbeddedLifecycle.class));

	/** Starts before, and stops after, Boot's web server lifecycles. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final ActorRuntime runtime;

	private final SpawnActors actors;

	private final EmbeddedStatePersistence persistence;

	private final SpawnProperties properties;

	private final String applicationName;

	private final @Nullable ClusterMember cluster;

	private volatile boolean running;

	SpawnEmbeddedLifecycle(ActorRuntime runtime, SpawnActors actors, EmbeddedStatePersistence persistence,
			SpawnProperties properties, String applicationName) {
		this(runtime, actors, persistence, properties, applicationName, null);
	}

	/**
	 * @param cluster this instance's membership of a cluster, or null: it joins once the actors are registered
	 * and leaves before the runtime drains, so that the drain hands every actor over to the other instances
	 */
	SpawnEmbeddedLifecycle(ActorRuntime runtime, SpawnActors actors, EmbeddedStatePersistence persistence,
			SpawnProperties properties, String applicationName, @Nullable ClusterMember cluster) {
		this.cluster = cluster;
		this.runtime = runtime;
		this.actors = actors;
		this.persistence = persistence;
		this.properties = properties;
		this.applicationName = applicationName;
	}

	@Override
	public void start() {
		// Registered first, so that delayed calls and timers stored before a restart find their actors.
		this.runtime.register(ActorRegistrations.of(this.properties.getSystem(), this.actors.models(),
				this.applicationName));
		this.runtime.start();
		if (this.cluster != null && !this.running) {
			this.cluster.join(this.runtime);
		}
		this.running = true;
		logger.info(() -> "Spawn embedded runtime started with " + this.actors.models().all().size()
				+ " actors in system '" + this.properties.getSystem() + "'"
				+ (this.persistence.durable() ? "" : " (state in memory only)"));
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.cluster != null) {
			this.cluster.leave();
		}
		boolean clean = this.runtime.shutdown(this.properties.getEmbedded().getShutdown().getTimeout());
		if (!clean) {
			logger.error("Spawn runtime did not flush every actor's state before the shutdown timeout");
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
		try {
			this.persistence.close();
		}
		catch (Exception ex) {
			logger.warn(ex, "Closing Spawn's state store failed");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
