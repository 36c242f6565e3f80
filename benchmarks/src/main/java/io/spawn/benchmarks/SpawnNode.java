package io.spawn.benchmarks;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.internal.host.ActorHost;
import io.spawn.internal.host.HostException;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
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
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.actors.TimeoutStrategy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Spawn in embedded mode: an {@link ActorRuntime} whose {@link ActorHost} is a lambda in the same process, as the
 * starter's embedded mode will wire it (minus the starter's JSON/object mapping, which does not exist yet). The
 * counter's state is an {@code Any} of {@code Int64Value}; {@code add} adds its input to it and answers the
 * total, {@code touch} answers without changing anything.
 */
final class SpawnNode implements AutoCloseable {

	static final String SYSTEM = "bench";

	/** UNNAMED template of counters whose state is written behind (the default). */
	static final String COUNTER = "counter";

	/** UNNAMED template of counters that commit every change before replying. */
	static final String DURABLE_COUNTER = "durable-counter";

	private static final String INT64_TYPE_URL = Any.pack(Int64Value.getDefaultInstance()).getTypeUrl();

	final ActorRuntime runtime;

	private final SystemRuntimeClock clock;

	private final boolean ownsClock;

	final AtomicLong snapshots = new AtomicLong();

	private boolean closed;

	/**
	 * A node on the given ports.
	 * @param clock the clock, shared with the store when that is durable; closed by the caller
	 * @param store the state store
	 * @param scheduler the scheduler, or {@code null} for an in-memory one
	 * @param settings runtime settings; templates take their idle timeout from it
	 * @param snapshotInterval write-behind interval of the templates
	 */
	SpawnNode(SystemRuntimeClock clock, ActorStateStore store, @Nullable InvocationScheduler scheduler,
			RuntimeSettings settings, Duration snapshotInterval) {
		this(clock, false, store, scheduler, settings, snapshotInterval);
	}

	private SpawnNode(SystemRuntimeClock clock, boolean ownsClock, ActorStateStore store,
			@Nullable InvocationScheduler scheduler, RuntimeSettings settings, Duration snapshotInterval) {
		this(clock, ownsClock, store, scheduler, settings, snapshotInterval, null);
	}

	/**
	 * A member of a cluster: state in memory, placement and peers from {@code member}, which joins once the
	 * counters are registered.
	 */
	static SpawnNode clusterMember(RuntimeSettings settings, io.spawn.internal.cluster.ClusterMember member) {
		return new SpawnNode(new SystemRuntimeClock(), true, new InMemoryActorStateStore(1), null, settings,
				settings.defaultSnapshotInterval(), member);
	}

	private SpawnNode(SystemRuntimeClock clock, boolean ownsClock, ActorStateStore store,
			@Nullable InvocationScheduler scheduler, RuntimeSettings settings, Duration snapshotInterval,
			io.spawn.internal.cluster.@Nullable ClusterMember member) {
		this.clock = clock;
		this.ownsClock = ownsClock;
		RuntimeObserver observer = new RuntimeObserver() {
			@Override
			public void snapshotWritten(io.spawn.internal.state.ActorKey actor) {
				SpawnNode.this.snapshots.incrementAndGet();
			}
		};
		InvocationScheduler schedules = (scheduler != null) ? scheduler : new InMemoryInvocationScheduler(this.clock);
		this.runtime = (member == null)
				? new ActorRuntime(SpawnNode::host, store, schedules, this.clock, settings, observer)
				: new ActorRuntime(SpawnNode::host, store, schedules, this.clock, settings, observer, "bench", "0",
						member.placement(), member.peers());
		this.runtime.start();
		Registry registry = Registry.newBuilder()
			.putActors(COUNTER, template(COUNTER, false, settings.defaultIdleTimeout(), snapshotInterval))
			.putActors(DURABLE_COUNTER, template(DURABLE_COUNTER, true, settings.defaultIdleTimeout(), snapshotInterval))
			.build();
		this.runtime.register(RegistrationRequest.newBuilder()
			.setActorSystem(ActorSystem.newBuilder().setName(SYSTEM).setRegistry(registry))
			.build());
	}

	/** A node with state in memory (persistence off). */
	static SpawnNode inMemory(RuntimeSettings settings) {
		return inMemory(settings, settings.defaultSnapshotInterval());
	}

	/** A node with state in memory (persistence off) and the given write-behind interval. */
	static SpawnNode inMemory(RuntimeSettings settings, Duration snapshotInterval) {
		return new SpawnNode(new SystemRuntimeClock(), true, new InMemoryActorStateStore(1), null, settings,
				snapshotInterval);
	}

	SystemRuntimeClock clock() {
		return this.clock;
	}

	private static Actor template(String name, boolean writeThrough, Duration idle, Duration snapshot) {
		Actor.Builder actor = Actor.newBuilder()
			.setId(ActorId.newBuilder().setSystem(SYSTEM).setName(name))
			.setSettings(ActorSettings.newBuilder()
				.setKind(Kind.UNNAMED)
				.setStateful(true)
				.setDeactivationStrategy(ActorDeactivationStrategy.newBuilder()
					.setTimeout(TimeoutStrategy.newBuilder().setTimeout(idle.toMillis())))
				.setSnapshotStrategy(ActorSnapshotStrategy.newBuilder()
					.setTimeout(TimeoutStrategy.newBuilder().setTimeout(snapshot.toMillis()))))
			.addActions(Action.newBuilder().setName("add"))
			.addActions(Action.newBuilder().setName("touch"));
		if (writeThrough) {
			actor.getMetadataBuilder().putTags("spawn.write-through", "true");
		}
		return actor.build();
	}

	/** The in-process host: what the embedded starter will run on the user's object, here inline. */
	private static ActorInvocationResponse host(ActorInvocation invocation, Duration timeout) {
		ActorInvocationResponse.Builder response = ActorInvocationResponse.newBuilder()
			.setActorName(invocation.getActor().getName())
			.setActorSystem(invocation.getActor().getSystem());
		switch (invocation.getActionName()) {
			case "add" -> {
				long total = number(invocation.getCurrentContext().getState()) + number(invocation.getValue());
				Any value = Any.pack(Int64Value.of(total));
				response.setUpdatedContext(Context.newBuilder().setState(value)).setValue(value);
			}
			case "touch" -> response.setNoop(Noop.getDefaultInstance());
			default -> throw new HostException(HostException.Reason.ACTION_FAILED,
					"no action " + invocation.getActionName());
		}
		return response.build();
	}

	/**
	 * Reads an {@code Int64Value} from an {@code Any} by its type URL and bytes: {@code Any.unpack(Class)} looks
	 * the default instance up reflectively on every call, which would put a cost on Spawn's side that a tuned host
	 * does not pay.
	 */
	static long number(Any any) {
		if (any.getTypeUrl().isEmpty()) {
			return 0;
		}
		if (!any.getTypeUrl().equals(INT64_TYPE_URL)) {
			throw new HostException(HostException.Reason.BAD_RESPONSE, "not an Int64Value: " + any.getTypeUrl());
		}
		try {
			return Int64Value.parseFrom(any.getValue()).getValue();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new HostException(HostException.Reason.BAD_RESPONSE, ex.getMessage(), ex);
		}
	}

	/**
	 * Calls {@code add} on an instance of a template, as an embedded caller would: one request built per call.
	 * @return the counter's new value
	 */
	long add(String template, String actor, long amount) {
		InvocationResult result = this.runtime.invoke(request(template, actor, "add")
			.setValue(Any.pack(Int64Value.of(amount)))
			.build());
		if (!result.ok()) {
			throw new IllegalStateException(actor + ": " + result.status() + " " + result.message());
		}
		return number(result.response().getValue());
	}

	/** Calls {@code touch}: activates the actor if needed and changes nothing. */
	void touch(String template, String actor) {
		InvocationResult result = this.runtime.invoke(request(template, actor, "touch").setNoop(Noop.getDefaultInstance())
			.build());
		if (!result.ok()) {
			throw new IllegalStateException(actor + ": " + result.status() + " " + result.message());
		}
	}

	private static InvocationRequest.Builder request(String template, String actor, String action) {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(SYSTEM))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(SYSTEM).setName(actor)))
			.setRegisterRef(template)
			.setActionName(action);
	}

	/**
	 * Shuts the runtime down gracefully (flushes, passivates, releases leases) once.
	 * @return whether every actor passivated within the timeout
	 */
	boolean shutdown(Duration timeout) {
		if (this.closed) {
			return true;
		}
		this.closed = true;
		boolean clean = this.runtime.shutdown(timeout);
		if (this.ownsClock) {
			this.clock.close();
		}
		return clean;
	}

	@Override
	public void close() {
		shutdown(Duration.ofSeconds(60));
	}

}
