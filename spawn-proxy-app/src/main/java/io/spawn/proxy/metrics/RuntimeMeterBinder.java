package io.spawn.proxy.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.spawn.internal.runtime.ActorRuntime;

/**
 * The runtime's gauges: {@code spawn.actors.active} (activated actors) and {@code spawn.mailbox.depth} (calls
 * queued in every mailbox and pool).
 */
public final class RuntimeMeterBinder implements MeterBinder {

	private final ActorRuntime runtime;

	public RuntimeMeterBinder(ActorRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("spawn.actors.active", this.runtime, ActorRuntime::activeActors)
			.description("Actors activated in this proxy")
			.register(registry);
		Gauge.builder("spawn.mailbox.depth", this.runtime, ActorRuntime::queuedCalls)
			.description("Calls queued in every mailbox and pool of this proxy")
			.register(registry);
	}

}
