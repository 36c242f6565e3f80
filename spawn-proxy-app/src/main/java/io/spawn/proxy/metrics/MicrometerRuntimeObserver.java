package io.spawn.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.state.ActorKey;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Records the runtime's events as Micrometer meters: the timer {@code spawn.invocations} (tags {@code system},
 * {@code actor}, {@code action}, {@code outcome}) and the counters {@code spawn.activations},
 * {@code spawn.passivations} (tag {@code system}) and {@code spawn.snapshots} (tags {@code system},
 * {@code result} = success or failure). Tag values come from the {@link ActorCatalog}, so their number stays
 * bounded. Never throws: a metrics failure must not fail a call.
 */
public final class MicrometerRuntimeObserver implements RuntimeObserver {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(MicrometerRuntimeObserver.class));

	private final ActorCatalog catalog;

	private final Meter.MeterProvider<Timer> invocations;

	private final Meter.MeterProvider<Counter> activations;

	private final Meter.MeterProvider<Counter> passivations;

	private final Meter.MeterProvider<Counter> snapshots;

	private final Meter.MeterProvider<Counter> forwarded;

	public MicrometerRuntimeObserver(MeterRegistry registry, ActorCatalog catalog) {
		this.catalog = catalog;
		this.invocations = Timer.builder("spawn.invocations")
			.description("Calls to actors, from acceptance to outcome")
			.withRegistry(registry);
		this.activations = Counter.builder("spawn.activations")
			.description("Actors activated (state loaded, init run)")
			.withRegistry(registry);
		this.passivations = Counter.builder("spawn.passivations")
			.description("Actors passivated (state flushed, removed from memory)")
			.withRegistry(registry);
		this.snapshots = Counter.builder("spawn.snapshots")
			.description("Actor state snapshots written to the state store, by result")
			.withRegistry(registry);
		this.forwarded = Counter.builder("spawn.cluster.forwarded")
			.description("Calls forwarded to the member that owns their actor, by outcome")
			.withRegistry(registry);
	}

	@Override
	public void callForwarded(ActorKey actor, String member, InvocationStatus status) {
		try {
			this.forwarded.withTags("system", this.catalog.systemTag(actor.system()), "outcome", status.name())
				.increment();
		}
		catch (RuntimeException ex) {
			logger.debug(ex, "Could not record a forwarded call");
		}
	}

	@Override
	public void invocationCompleted(ActorKey actor, String action, InvocationStatus status, long nanos) {
		try {
			this.invocations
				.withTags("system", this.catalog.systemTag(actor.system()), "actor", this.catalog.actorTag(actor),
						"action", this.catalog.actionTag(actor, action), "outcome", status.name())
				.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			logger.debug(ex, "Could not record an invocation");
		}
	}

	@Override
	public void activated(ActorKey actor) {
		increment(this.activations, actor, null);
	}

	@Override
	public void passivated(ActorKey actor) {
		increment(this.passivations, actor, null);
	}

	@Override
	public void snapshotWritten(ActorKey actor) {
		increment(this.snapshots, actor, "success");
	}

	@Override
	public void snapshotFailed(ActorKey actor, Throwable error) {
		increment(this.snapshots, actor, "failure");
	}

	private void increment(Meter.MeterProvider<Counter> counter, ActorKey actor, @Nullable String result) {
		try {
			String system = this.catalog.systemTag(actor.system());
			Counter meter = (result != null) ? counter.withTags("system", system, "result", result)
					: counter.withTags("system", system);
			meter.increment();
		}
		catch (RuntimeException ex) {
			logger.debug(ex, "Could not record a runtime event");
		}
	}

}
