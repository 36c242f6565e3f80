package io.spawn.proxy.lifecycle;

import io.spawn.internal.runtime.ActorRuntime;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The runtime's health, part of the readiness group: DOWN while it drains (shutdown), so that no new traffic is
 * routed to a proxy that refuses calls; UP otherwise, with the number of active actors and queued calls.
 */
public final class RuntimeHealthIndicator extends AbstractHealthIndicator {

	private final ActorRuntime runtime;

	public RuntimeHealthIndicator(ActorRuntime runtime) {
		super("Actor runtime health check failed");
		this.runtime = runtime;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.runtime.isDraining()) {
			builder.down().withDetail("draining", true);
		}
		else {
			builder.up();
		}
		builder.withDetail("activeActors", this.runtime.activeActors())
			.withDetail("queuedCalls", this.runtime.queuedCalls());
	}

}
