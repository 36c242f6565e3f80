package io.spawn.internal.runtime;

import com.google.protobuf.Any;
import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.time.ManualRuntimeClock;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorDeactivationStrategy;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSnapshotStrategy;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Channel;
import io.spawn.protocol.actors.FixedTimerAction;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Metadata;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.actors.TimeoutStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime on a virtual clock with in-memory ports and a {@link ScriptedHost}, plus builders for the
 * protocol messages the tests send.
 */
final class RuntimeFixture implements AutoCloseable {

	static final String SYSTEM = "test-system";

	final ManualRuntimeClock clock;

	final ActorStateStore store;

	final InvocationScheduler scheduler;

	final ScriptedHost host = new ScriptedHost();

	final CountingObserver observer = new CountingObserver();

	final ActorRuntime runtime;

	RuntimeFixture() {
		this(RuntimeSettings.defaults(), new InMemoryActorStateStore());
	}

	RuntimeFixture(RuntimeSettings settings) {
		this(settings, new InMemoryActorStateStore());
	}

	RuntimeFixture(RuntimeSettings settings, ActorStateStore store) {
		this.clock = new ManualRuntimeClock(Instant.parse("2026-01-01T00:00:00Z"));
		this.store = store;
		this.scheduler = new InMemoryInvocationScheduler(this.clock);
		this.runtime = new ActorRuntime(this.host, store, this.scheduler, this.clock, settings, this.observer);
		this.runtime.start();
	}

	/** A runtime on given ports, e.g. a durable store, sharing a clock across restarts. */
	RuntimeFixture(ManualRuntimeClock clock, ActorStateStore store, InvocationScheduler scheduler) {
		this.clock = clock;
		this.store = store;
		this.scheduler = scheduler;
		this.runtime = new ActorRuntime(this.host, store, scheduler, clock, RuntimeSettings.defaults(),
				this.observer);
		this.runtime.start();
	}

	void register(Actor.Builder... actors) {
		Registry.Builder registry = Registry.newBuilder();
		for (Actor.Builder actor : actors) {
			registry.putActors(actor.getId().getName(), actor.build());
		}
		this.runtime.register(RegistrationRequest.newBuilder()
			.setActorSystem(ActorSystem.newBuilder().setName(SYSTEM).setRegistry(registry))
			.build());
	}

	InvocationResult call(String actor, String action, long input) {
		return this.runtime.invoke(request(actor, action).setValue(ScriptedHost.number(input)).build());
	}

	InvocationResult call(String actor, String action) {
		return this.runtime.invoke(request(actor, action).build());
	}

	void advance(Duration duration) {
		this.clock.advance(duration);
	}

	static InvocationRequest.Builder request(String actor, String action) {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(SYSTEM))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setName(actor).setSystem(SYSTEM)))
			.setActionName(action)
			.setNoop(Noop.getDefaultInstance());
	}

	static long value(InvocationResult result) {
		return ScriptedHost.number(result.response().getValue());
	}

	static Any payload(InvocationResult result) {
		return result.response().getValue();
	}

	static Actor.Builder actor(String name, Kind kind, String... actions) {
		Actor.Builder actor = Actor.newBuilder()
			.setId(ActorId.newBuilder().setName(name).setSystem(SYSTEM))
			.setSettings(ActorSettings.newBuilder().setKind(kind).setStateful(kind != Kind.POOLED));
		for (String action : actions) {
			actor.addActions(Action.newBuilder().setName(action));
		}
		return actor;
	}

	static Actor.Builder named(String name, String... actions) {
		return actor(name, Kind.NAMED, actions);
	}

	static Actor.Builder idle(Actor.Builder actor, long millis) {
		actor.getSettingsBuilder()
			.setDeactivationStrategy(ActorDeactivationStrategy.newBuilder()
				.setTimeout(TimeoutStrategy.newBuilder().setTimeout(millis)));
		return actor;
	}

	static Actor.Builder snapshot(Actor.Builder actor, long millis) {
		actor.getSettingsBuilder()
			.setSnapshotStrategy(
					ActorSnapshotStrategy.newBuilder().setTimeout(TimeoutStrategy.newBuilder().setTimeout(millis)));
		return actor;
	}

	static Actor.Builder timer(Actor.Builder actor, String action, int millis) {
		return actor.addTimerActions(
				FixedTimerAction.newBuilder().setSeconds(millis).setAction(Action.newBuilder().setName(action)));
	}

	static Actor.Builder subscribe(Actor.Builder actor, String topic, String action) {
		Metadata.Builder metadata = actor.getMetadataBuilder();
		Channel.Builder channel = Channel.newBuilder().setTopic(topic);
		if (action != null) {
			channel.setAction(action);
		}
		metadata.addChannelGroup(channel);
		return actor;
	}

	@Override
	public void close() {
		this.runtime.shutdown(Duration.ofSeconds(5));
	}

	/** Counts the runtime's events. */
	static final class CountingObserver implements RuntimeObserver {

		final AtomicInteger activations = new AtomicInteger();

		final AtomicInteger passivations = new AtomicInteger();

		final AtomicInteger snapshots = new AtomicInteger();

		final AtomicInteger snapshotFailures = new AtomicInteger();

		@Override
		public void activated(io.spawn.internal.state.ActorKey actor) {
			this.activations.incrementAndGet();
		}

		@Override
		public void passivated(io.spawn.internal.state.ActorKey actor) {
			this.passivations.incrementAndGet();
		}

		@Override
		public void snapshotWritten(io.spawn.internal.state.ActorKey actor) {
			this.snapshots.incrementAndGet();
		}

		@Override
		public void snapshotFailed(io.spawn.internal.state.ActorKey actor, Throwable error) {
			this.snapshotFailures.incrementAndGet();
		}

	}

}
