package io.spawn.internal.activator;

import com.google.protobuf.Any;
import com.google.protobuf.BytesValue;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import io.spawn.internal.host.ActorHost;
import io.spawn.internal.host.HostException;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.JSONType;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real runtime whose in-process host runs a ledger actor: action {@code record} appends the message's payload to
 * the state under its message id, and drops a message whose id the state holds already, as an actor that
 * de-duplicates redeliveries does. System {@code shop}: the named actor {@code ledger} and the UNNAMED template
 * {@code account}. A payload can be made to fail a number of times.
 */
public final class LedgerRuntime implements AutoCloseable {

	public static final String SYSTEM = "shop";

	/** Orders the calls of every runtime of a test: members of one cluster share it. */
	private static final AtomicLong SEQUENCE = new AtomicLong();

	public final RuntimeClock clock;

	public final InvocationScheduler scheduler;

	public final ActorRuntime runtime;

	/** Every call the host ran: actor, message id and payload. */
	public final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

	/** The latest state of each actor: its entries in the order they were applied. */
	public final Map<String, List<String>> ledgers = new ConcurrentHashMap<>();

	/** Message ids the ledger held already when they arrived again, in arrival order. */
	public final ConcurrentLinkedQueue<String> duplicates = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

	private final Map<String, Duration> delays = new ConcurrentHashMap<>();

	private volatile Duration everyCall = Duration.ZERO;

	public LedgerRuntime() {
		this(new SystemRuntimeClock(), null);
	}

	/**
	 * A runtime on a given clock and scheduler (a durable one shared by members), or in-memory ones.
	 */
	public LedgerRuntime(RuntimeClock clock, InvocationScheduler scheduler) {
		this.clock = clock;
		this.scheduler = (scheduler != null) ? scheduler : new InMemoryInvocationScheduler(clock);
		this.runtime = new ActorRuntime(this::invoke, new InMemoryActorStateStore(), this.scheduler, clock,
				RuntimeSettings.defaults(), RuntimeObserver.NONE);
		this.runtime.start();
	}

	/** Registers the system {@code shop}. */
	public LedgerRuntime register() {
		this.runtime.register(RegistrationRequest.newBuilder()
			.setActorSystem(ActorSystem.newBuilder()
				.setName(SYSTEM)
				.setRegistry(Registry.newBuilder()
					.putActors("ledger", actor("ledger", Kind.NAMED))
					.putActors("account", actor("account", Kind.UNNAMED))))
			.build());
		return this;
	}

	/** The next {@code times} calls with this payload fail. */
	public void failNext(String payload, int times) {
		this.failures.put(payload, new AtomicInteger(times));
	}

	/** The next call with this payload takes {@code delay} before it answers (and then succeeds). */
	public void delayNext(String payload, Duration delay) {
		this.delays.put(payload, delay);
	}

	/** Every call takes {@code delay} before it answers, so that concurrent deliveries would overlap. */
	public void delayEveryCall(Duration delay) {
		this.everyCall = delay;
	}

	public List<Call> calls(String payload) {
		return this.calls.stream().filter((call) -> call.payload.equals(payload)).toList();
	}

	public List<String> ledger(String actor) {
		return this.ledgers.getOrDefault(actor, List.of());
	}

	private static Actor actor(String name, Kind kind) {
		return Actor.newBuilder()
			.setId(ActorId.newBuilder().setName(name).setSystem(SYSTEM))
			.setSettings(ActorSettings.newBuilder().setKind(kind).setStateful(true))
			.addActions(Action.newBuilder().setName("record"))
			.build();
	}

	private ActorInvocationResponse invoke(ActorInvocation invocation, Duration timeout) {
		String actor = invocation.getActor().getName();
		Map<String, String> metadata = invocation.getCurrentContext().getMetadataMap();
		String id = metadata.getOrDefault(ActivatorInvoker.MESSAGE_ID, "");
		String payload = payload(invocation.getValue());
		this.calls.add(new Call(SEQUENCE.incrementAndGet(), actor, invocation.getActor().getParent(), id, payload,
				Map.copyOf(metadata)));
		AtomicInteger failing = this.failures.get(payload);
		if (failing != null && failing.getAndDecrement() > 0) {
			throw new HostException(HostException.Reason.ACTION_FAILED, "ledger refuses '" + payload + "' for now");
		}
		Duration delay = this.delays.remove(payload);
		if (delay == null && !this.everyCall.isZero()) {
			delay = this.everyCall;
		}
		if (delay != null) {
			try {
				Thread.sleep(delay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		List<String> entries = entries(invocation.getCurrentContext().getState());
		boolean seen = entries.stream().anyMatch((entry) -> entry.startsWith(id + "="));
		if (seen) {
			this.duplicates.add(id);
		}
		else {
			entries.add(id + "=" + payload);
		}
		this.ledgers.put(actor, entries.stream().map((entry) -> entry.substring(entry.indexOf('=') + 1)).toList());
		return ActorInvocationResponse.newBuilder()
			.setActorName(actor)
			.setActorSystem(invocation.getActor().getSystem())
			.setUpdatedContext(
					Context.newBuilder().setState(Any.pack(StringValue.of(String.join("\n", entries)))))
			.setValue(Any.pack(StringValue.of(seen ? "duplicate" : "recorded")))
			.build();
	}

	private static List<String> entries(Any state) {
		if (state.getTypeUrl().isEmpty()) {
			return new ArrayList<>();
		}
		String text = unpack(state, StringValue.class).getValue();
		return text.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(text.split("\n")));
	}

	static String payload(Any value) {
		if (value.is(JSONType.class)) {
			return unpack(value, JSONType.class).getContent();
		}
		if (value.is(BytesValue.class)) {
			return unpack(value, BytesValue.class).getValue().toStringUtf8();
		}
		if (value.is(StringValue.class)) {
			return unpack(value, StringValue.class).getValue();
		}
		return value.getTypeUrl();
	}

	private static <T extends com.google.protobuf.Message> T unpack(Any any, Class<T> type) {
		try {
			return any.unpack(type);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.runtime.shutdown(Duration.ofSeconds(5));
		if (this.clock instanceof SystemRuntimeClock system) {
			system.close();
		}
	}

	/**
	 * One call the host ran.
	 * @param sequence when it ran, across every runtime of the JVM
	 * @param actor the actor's name
	 * @param parent its template, empty for a named actor
	 * @param messageId the message id in its metadata
	 * @param payload the command, as text
	 * @param metadata all of its metadata
	 */
	public record Call(long sequence, String actor, String parent, String messageId, String payload,
			Map<String, String> metadata) {
	}

}
