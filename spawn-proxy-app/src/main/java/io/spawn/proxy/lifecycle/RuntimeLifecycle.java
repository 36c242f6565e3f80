package io.spawn.proxy.lifecycle;

import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.runtime.ActorRuntime;
import java.time.Duration;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.log.LogAccessor;

/**
 * Starts the runtime's scheduler with the application and drains the runtime when the application context closes:
 * new calls are refused with 503, queued calls finish, every changed state is persisted and every actor
 * passivated.
 *
 * <p>
 * It runs in the last phase, so it stops first: before the web server's graceful shutdown, while the server still
 * answers, so that callers get a 503 they can retry elsewhere instead of a refused connection. Draining cannot be
 * undone, so a mere stop of the context (a paused test context, a checkpoint) leaves the runtime as it is, ready
 * for the next start.
 */
public final class RuntimeLifecycle
		implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(RuntimeLifecycle.class));

	private final ActorRuntime runtime;

	private final Duration timeout;

	private volatile boolean running;

	private volatile boolean closing;

	private final @Nullable ClusterMember cluster;

	private @Nullable ApplicationContext context;

	public RuntimeLifecycle(ActorRuntime runtime, Duration timeout) {
		this(runtime, timeout, null);
	}

	/**
	 * @param cluster this proxy's membership of a cluster, or null for a single node: it joins after the runtime
	 * started and leaves before the runtime drains, so that the drain hands every actor over to the others
	 */
	public RuntimeLifecycle(ActorRuntime runtime, Duration timeout, @Nullable ClusterMember cluster) {
		this.runtime = runtime;
		this.timeout = timeout;
		this.cluster = cluster;
	}

	@Override
	public void start() {
		this.runtime.start();
		if (this.cluster != null && !this.running) {
			this.cluster.join(this.runtime);
		}
		this.running = true;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		// Published before the lifecycle beans stop; a child context's close is not ours.
		if (event.getApplicationContext() == this.context) {
			this.closing = true;
		}
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		if (this.closing) {
			drain();
		}
	}

	private void drain() {
		logger.info(() -> "Draining the actor runtime: " + this.runtime.activeActors() + " active actors, "
				+ this.runtime.queuedCalls() + " queued calls, waiting up to " + this.timeout);
		long started = System.nanoTime();
		if (this.cluster != null) {
			this.cluster.leave();
		}
		boolean clean = this.runtime.shutdown(this.timeout);
		long millis = (System.nanoTime() - started) / 1_000_000;
		if (clean) {
			logger.info(() -> "Actor runtime drained in " + millis + " ms");
		}
		else {
			logger.warn(() -> "Actor runtime did not drain within " + this.timeout
					+ " (spawn.proxy.shutdown.timeout); unsaved state of the remaining actors may be lost");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
