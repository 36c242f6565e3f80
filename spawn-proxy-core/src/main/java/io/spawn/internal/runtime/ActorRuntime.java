package io.spawn.internal.runtime;

import com.google.protobuf.Any;
import io.spawn.internal.host.ActorHost;
import io.spawn.internal.host.HostException;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.Context;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.ProxyInfo;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.RequestStatus;
import io.spawn.protocol.SideEffect;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.SpawnResponse;
import io.spawn.protocol.Status;
import io.spawn.protocol.Workflow;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorState;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.FixedTimerAction;
import io.spawn.protocol.actors.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * The actor runtime: where every message enters. It registers actor systems, resolves each call to its actor
 * (activating it on demand), queues the call in that actor's mailbox, runs it through the {@link ActorHost},
 * applies the new state and runs the reply's workflow. The sidecar proxy and the starter's embedded mode both
 * run one.
 *
 * <p>
 * Nothing a caller or host does can crash it: every failure becomes an {@link InvocationResult} with an
 * {@link InvocationStatus}. It holds no global lock; each actor runs one message at a time on a virtual thread
 * that exists only while its mailbox has work.
 */
public final class ActorRuntime implements AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(ActorRuntime.class));

	/** Metadata key bounding a call, in milliseconds. */
	public static final String REQUEST_TIMEOUT = "request-timeout";

	/** Protocol version this runtime speaks. */
	public static final int PROTOCOL_MAJOR = 1;

	public static final int PROTOCOL_MINOR = 2;

	private static final int EVICTION_SAMPLE = 64;

	private static final int MAX_CALL_CHAIN = 64;

	private final ActorHost host;

	private final ActorStateStore store;

	private final InvocationScheduler scheduler;

	private final RuntimeClock clock;

	private final RuntimeSettings settings;

	private final RuntimeObserver observer;

	private final String proxyName;

	private final String proxyVersion;

	private final ConcurrentMap<String, ActorSystemRegistry> systems = new ConcurrentHashMap<>();

	private final ConcurrentMap<ActorKey, Activation> activations = new ConcurrentHashMap<>();

	private final ConcurrentMap<ActorKey, ActorPool> pools = new ConcurrentHashMap<>();

	private final AtomicInteger activeCount = new AtomicInteger();

	private final AtomicBoolean evicting = new AtomicBoolean();

	private @Nullable Iterator<Activation> evictionCursor;

	private volatile boolean draining;

	private volatile @Nullable CompletableFuture<Void> drained;

	private final AtomicBoolean started = new AtomicBoolean();

	public ActorRuntime(ActorHost host, ActorStateStore store, InvocationScheduler scheduler, RuntimeClock clock,
			RuntimeSettings settings, RuntimeObserver observer) {
		this(host, store, scheduler, clock, settings, observer, "spawn-java", "0.1.0");
	}

	public ActorRuntime(ActorHost host, ActorStateStore store, InvocationScheduler scheduler, RuntimeClock clock,
			RuntimeSettings settings, RuntimeObserver observer, String proxyName, String proxyVersion) {
		this.host = host;
		this.store = store;
		this.scheduler = scheduler;
		this.clock = clock;
		this.settings = settings;
		this.observer = observer;
		this.proxyName = proxyName;
		this.proxyVersion = proxyVersion;
	}

	/**
	 * Starts firing delayed calls and timers. Calls are accepted before this; scheduled work waits for it.
	 */
	public void start() {
		if (this.started.compareAndSet(false, true)) {
			this.scheduler.start(this::dispatchScheduled);
		}
	}

	// ----------------------------------------------------------------------------------------------------------
	// Registration and spawning
	// ----------------------------------------------------------------------------------------------------------

	/**
	 * Registers (or registers again) every actor of a system. Idempotent; a registration replaces the previous
	 * one of the same system, cancelling timers of actions it no longer declares.
	 * @param request the registration
	 * @return the answer to send back
	 * @throws SpawnException with {@link InvocationStatus#INVALID_REQUEST} naming what is wrong
	 */
	public RegistrationResponse register(RegistrationRequest request) {
		String systemName = request.getActorSystem().getName();
		if (systemName.isBlank()) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST,
					"RegistrationRequest.actor_system.name is required");
		}
		Map<String, ActorDefinition> definitions = new LinkedHashMap<>();
		for (Map.Entry<String, Actor> entry : request.getActorSystem().getRegistry().getActorsMap().entrySet()) {
			ActorDefinition definition = ActorDefinition.of(systemName, entry.getKey(), entry.getValue(),
					this.settings);
			definitions.put(definition.name, definition);
		}
		ActorSystemRegistry registry = this.systems.computeIfAbsent(systemName, ActorSystemRegistry::new);
		Map<String, ActorDefinition> previous;
		synchronized (registry) {
			previous = registry.definitions();
			registry.replaceDefinitions(definitions);
		}
		updateTimers(registry, previous, definitions);
		for (Activation activation : this.activations.values()) {
			if (activation.system == registry && !definitions.containsKey(activation.definitionName)) {
				activation.requestPassivation(Envelope.PASSIVATE);
			}
		}
		logger.debug(() -> "Registered " + definitions.size() + " actors in system '" + systemName + "'");
		return RegistrationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.OK).setMessage("Accepted"))
			.setProxyInfo(ProxyInfo.newBuilder()
				.setProtocolMajorVersion(PROTOCOL_MAJOR)
				.setProtocolMinorVersion(PROTOCOL_MINOR)
				.setProxyName(this.proxyName)
				.setProxyVersion(this.proxyVersion))
			.build();
	}

	/**
	 * Creates instances of UNNAMED templates.
	 * @param systemName the system
	 * @param request the instances, each naming its template in {@code parent}
	 * @param revision a snapshot revision to restore at each instance's next activation, or {@code null}
	 * @return the answer to send back
	 * @throws SpawnException when the system or a template is unknown or the request is invalid
	 */
	public SpawnResponse spawn(String systemName, SpawnRequest request, @Nullable Long revision) {
		if (revision != null && revision <= 0) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST,
					"revision must be a positive number, was " + revision);
		}
		ActorSystemRegistry registry = registry(systemName);
		for (ActorId id : request.getActorsList()) {
			if (id.getName().isBlank()) {
				throw new SpawnException(InvocationStatus.INVALID_REQUEST, "SpawnRequest.actors[].name is required");
			}
			if (id.getParent().isBlank()) {
				throw new SpawnException(InvocationStatus.INVALID_REQUEST,
						"SpawnRequest.actors[].parent (the UNNAMED template) is required for '" + id.getName() + "'");
			}
			template(registry, id.getParent());
			ActorDefinition existing = registry.definition(id.getName());
			if (existing != null) {
				throw new SpawnException(InvocationStatus.INVALID_REQUEST,
						"'" + id.getName() + "' is a registered actor of system '" + systemName + "', not an instance");
			}
		}
		for (ActorId id : request.getActorsList()) {
			addInstance(registry, id.getName(), id.getParent(), revision);
		}
		return SpawnResponse.newBuilder().setStatus(RequestStatus.newBuilder().setStatus(Status.OK)).build();
	}

	private void addInstance(ActorSystemRegistry registry, String name, String parent, @Nullable Long revision) {
		boolean isNew = registry.instance(name) == null;
		registry.addInstance(name, parent, revision);
		ActorDefinition template = registry.definition(parent);
		if (isNew && template != null && !template.timers.isEmpty()) {
			ActorId id = ActorId.newBuilder().setSystem(registry.name).setName(name).setParent(parent).build();
			for (FixedTimerAction timer : template.timers) {
				scheduleTimer(id, timer);
			}
		}
	}

	private void updateTimers(ActorSystemRegistry registry, Map<String, ActorDefinition> previous,
			Map<String, ActorDefinition> current) {
		Set<String> wanted = new HashSet<>();
		for (ActorDefinition definition : current.values()) {
			if (definition.kind == Kind.NAMED || definition.kind == Kind.POOLED) {
				ActorId id = ActorId.newBuilder().setSystem(registry.name).setName(definition.name).build();
				for (FixedTimerAction timer : definition.timers) {
					String timerId = timerId(id, timer.getAction().getName());
					wanted.add(timerId);
					ActorDefinition before = previous.get(definition.name);
					if (before == null || !before.timers.contains(timer)) {
						scheduleTimer(id, timer);
					}
				}
			}
		}
		for (ActorDefinition definition : previous.values()) {
			ActorDefinition now = current.get(definition.name);
			if (definition.kind == Kind.UNNAMED) {
				if (now == null || !now.timers.equals(definition.timers)) {
					logger.debug(() -> "Timers of instances of '" + definition.name + "' stop at their next firing");
				}
				continue;
			}
			ActorId id = ActorId.newBuilder().setSystem(registry.name).setName(definition.name).build();
			for (FixedTimerAction timer : definition.timers) {
				String timerId = timerId(id, timer.getAction().getName());
				if (!wanted.contains(timerId)) {
					this.scheduler.cancel(timerId);
				}
			}
		}
	}

	private void scheduleTimer(ActorId id, FixedTimerAction timer) {
		// FixedTimerAction.seconds carries milliseconds on the wire, as upstream proxies read it.
		long interval = timer.getSeconds();
		InvocationRequest request = selfCall(id, timer.getAction().getName()).toBuilder().setAsync(true).build();
		this.scheduler.schedule(new ScheduledInvocation(timerId(id, timer.getAction().getName()), request,
				this.clock.millis() + interval, interval));
	}

	static String timerId(ActorId id, String action) {
		return "timer:" + id.getSystem() + "/" + id.getName() + "/" + action;
	}

	/**
	 * Cancels a timer action of one actor.
	 * @param system the system
	 * @param actor the actor
	 * @param action the timer's action
	 * @return whether the timer was scheduled
	 */
	public boolean cancelTimer(String system, String actor, String action) {
		return this.scheduler.cancel(timerId(ActorId.newBuilder().setSystem(system).setName(actor).build(), action));
	}

	// ----------------------------------------------------------------------------------------------------------
	// Calls
	// ----------------------------------------------------------------------------------------------------------

	/**
	 * Runs a call and waits for its outcome. Never throws for a failed call: the outcome says what happened.
	 * @param request the call
	 * @return the outcome
	 */
	public InvocationResult invoke(InvocationRequest request) {
		return invokeAsync(request).join();
	}

	/**
	 * Runs a call. The future always completes normally, with the outcome; for an async or delayed call it
	 * completes once the call is accepted.
	 * @param request the call
	 * @return the outcome
	 */
	public CompletableFuture<InvocationResult> invokeAsync(InvocationRequest request) {
		return submit(request, Envelope.Type.CALL, true);
	}

	/**
	 * Reads an actor's state through its mailbox, activating it if needed, without calling the host.
	 * @param system the system
	 * @param actor the actor's name
	 * @return the outcome, whose payload is the state (noop when it has none)
	 */
	public CompletableFuture<InvocationResult> readState(String system, String actor) {
		InvocationRequest request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(system))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(system).setName(actor)))
			.setActionName("get")
			.setNoop(Noop.getDefaultInstance())
			.build();
		return submit(request, Envelope.Type.READ_STATE, false);
	}

	private CompletableFuture<InvocationResult> submit(InvocationRequest request, Envelope.Type type,
			boolean external) {
		ActorId target = ActorId.newBuilder()
			.setSystem(request.getActor().getId().getSystem().isEmpty() ? request.getSystem().getName()
					: request.getActor().getId().getSystem())
			.setName(request.getActor().getId().getName())
			.build();
		if (this.draining) {
			return failed(InvocationStatus.UNAVAILABLE,
					"the runtime is shutting down and takes no new calls; retry on another replica", target);
		}
		try {
			validate(request, target);
			Resolved resolved = resolve(target, request);
			return dispatch(request, type, external, resolved);
		}
		catch (SpawnException ex) {
			this.observer.invocationCompleted(ActorKey.of(target), request.getActionName(), ex.status(), 0);
			return failed(ex.status(), ex.getMessage(), target);
		}
	}

	private static void validate(InvocationRequest request, ActorId target) {
		if (target.getSystem().isBlank()) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST,
					"InvocationRequest.system.name (or actor.id.system) is required");
		}
		if (target.getName().isBlank()) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST, "InvocationRequest.actor.id.name is required");
		}
		if (request.getActionName().isBlank()) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST, "InvocationRequest.action_name is required");
		}
	}

	private CompletableFuture<InvocationResult> dispatch(InvocationRequest request, Envelope.Type type,
			boolean external, Resolved resolved) {
		ActorId target = resolved.id;
		long now = this.clock.millis();
		if (request.getScheduledTo() > now) {
			return scheduleDelayed(request, target);
		}
		long timeout = requestTimeout(request);
		boolean async = request.getAsync() || request.getScheduledTo() > 0;
		long callTimeout = (timeout > 0) ? timeout : this.settings.defaultCallTimeout().toMillis();
		long deadline = async ? ((timeout > 0) ? now + timeout : Long.MAX_VALUE) : now + callTimeout;
		CompletableFuture<InvocationResult> reply = async ? null : new CompletableFuture<>();
		ActorKey waitingCaller = null;
		if (!async && external && request.hasCaller() && !request.getCaller().getName().isEmpty()) {
			ActorId caller = request.getCaller();
			waitingCaller = new ActorKey(caller.getSystem().isEmpty() ? target.getSystem() : caller.getSystem(),
					caller.getName());
			checkReentrance(waitingCaller, ActorKey.of(target));
		}
		Envelope envelope = new Envelope(type, request, target, reply, deadline, async ? timeout : callTimeout,
				waitingCaller);
		if (reply != null) {
			long timeoutMillis = callTimeout;
			envelope.deadlineTimer = this.clock.schedule(Duration.ofMillis(callTimeout),
					() -> complete(envelope, InvocationResult.failure(InvocationStatus.DEADLINE_EXCEEDED,
							"timed out after " + timeoutMillis + " ms", target)));
		}
		boolean taken = enqueue(envelope, resolved);
		if (async && !taken) {
			return failed(InvocationStatus.MAILBOX_FULL, "mailbox of actor '" + target.getName() + "' is full ("
					+ this.settings.mailboxCapacity() + " queued calls); retry later", target);
		}
		return async ? CompletableFuture.completedFuture(accepted(target)) : reply;
	}

	private CompletableFuture<InvocationResult> scheduleDelayed(InvocationRequest request, ActorId target) {
		InvocationRequest later = request.toBuilder().setAsync(true).clearScheduledTo().build();
		try {
			this.scheduler.schedule(
					new ScheduledInvocation(UUID.randomUUID().toString(), later, request.getScheduledTo(), 0));
		}
		catch (StateStoreException ex) {
			return failed(InvocationStatus.UNAVAILABLE, "could not store the delayed call: " + ex.getMessage(),
					target);
		}
		return CompletableFuture.completedFuture(accepted(target));
	}

	private static long requestTimeout(InvocationRequest request) {
		if (request.getMetadataCount() == 0) {
			return 0;
		}
		String value = request.getMetadataOrDefault(REQUEST_TIMEOUT, "");
		if (value.isEmpty()) {
			return 0;
		}
		try {
			long timeout = Long.parseLong(value.strip());
			if (timeout <= 0) {
				throw new NumberFormatException();
			}
			return timeout;
		}
		catch (NumberFormatException ex) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST,
					"metadata '" + REQUEST_TIMEOUT + "' must be a positive number of milliseconds, was '" + value + "'");
		}
	}

	/**
	 * Fails a synchronous call that would wait on an actor already waiting further up its own call chain
	 * (A calls B, B calls A): it could only end in a timeout.
	 */
	private void checkReentrance(ActorKey caller, ActorKey target) {
		ActorKey link = caller;
		StringBuilder chain = new StringBuilder();
		for (int depth = 0; link != null && depth < MAX_CALL_CHAIN; depth++) {
			Activation activation = this.activations.get(link);
			if (activation == null || !activation.inTurn) {
				return;
			}
			chain.insert(0, link.name() + " -> ");
			if (link.equals(target)) {
				throw new SpawnException(InvocationStatus.REENTRANT_CALL, "reentrant call: actor '" + target.name()
						+ "' is already waiting in this call chain (" + chain + target.name()
						+ "); a synchronous call back into it would deadlock. Use an async call or a side effect");
			}
			link = activation.waitingCaller;
		}
	}

	/** Queues a call; returns whether it was taken (a refused call is failed with MAILBOX_FULL). */
	private boolean enqueue(Envelope envelope, Resolved resolved) {
		ActorId id = resolved.id;
		ActorKey key = ActorKey.of(id);
		Activation.Offer offer;
		if (resolved.definition.kind == Kind.POOLED) {
			ActorPool pool = this.pools.computeIfAbsent(key, (k) -> new ActorPool(this, resolved.registry, id));
			offer = pool.offer(envelope, this.settings.mailboxCapacity());
		}
		else {
			Activation activation = activation(resolved, key);
			offer = activation.offer(envelope, this.settings.mailboxCapacity());
			if (offer == Activation.Offer.CLOSED) {
				// It is passivating: once its state is flushed, a fresh activation takes the call.
				activation.terminated().whenComplete((done, error) -> {
					if (this.draining) {
						fail(envelope, new SpawnException(InvocationStatus.UNAVAILABLE,
								"the runtime is shutting down and takes no new calls; retry on another replica"));
					}
					else {
						enqueue(envelope, resolved);
					}
				});
				return true;
			}
			evictIfOverCapacity();
		}
		if (offer == Activation.Offer.FULL) {
			if (envelope.reply != null) {
				fail(envelope, new SpawnException(InvocationStatus.MAILBOX_FULL, "mailbox of actor '" + id.getName()
						+ "' is full (" + this.settings.mailboxCapacity() + " queued calls); retry later"));
			}
			return false;
		}
		return true;
	}

	private Activation activation(Resolved resolved, ActorKey key) {
		Activation activation = this.activations.get(key);
		if (activation != null) {
			return activation;
		}
		Activation fresh = new Activation(this, resolved.registry, resolved.id, resolved.definition.name,
				this.clock.millis());
		activation = this.activations.putIfAbsent(key, fresh);
		if (activation != null) {
			return activation;
		}
		this.activeCount.incrementAndGet();
		fresh.scheduleIdleCheck();
		return fresh;
	}

	/** Passivates the least recently used idle actors while more than the cap are active. */
	private void evictIfOverCapacity() {
		int excess = this.activeCount.get() - this.settings.maxActivations();
		if (excess <= 0 || !this.evicting.compareAndSet(false, true)) {
			return;
		}
		try {
			for (int i = 0; i < excess; i++) {
				Activation victim = null;
				for (int scanned = 0; scanned < EVICTION_SAMPLE; scanned++) {
					Iterator<Activation> cursor = this.evictionCursor;
					if (cursor == null || !cursor.hasNext()) {
						cursor = this.activations.values().iterator();
						this.evictionCursor = cursor;
						if (!cursor.hasNext()) {
							break;
						}
					}
					Activation candidate = cursor.next();
					if (candidate.passivationRequested() || candidate.pending() != 0 || candidate.closed()) {
						continue;
					}
					if (victim == null || candidate.lastActivity < victim.lastActivity) {
						victim = candidate;
					}
				}
				if (victim == null) {
					return;
				}
				victim.requestPassivation(Envelope.PASSIVATE);
			}
		}
		finally {
			this.evicting.set(false);
		}
	}

	// ----------------------------------------------------------------------------------------------------------
	// Resolution
	// ----------------------------------------------------------------------------------------------------------

	private ActorSystemRegistry registry(String systemName) {
		ActorSystemRegistry registry = this.systems.get(systemName);
		if (registry == null) {
			throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
					"no actor system '" + systemName + "' is registered");
		}
		return registry;
	}

	private static ActorDefinition template(ActorSystemRegistry registry, String parent) {
		ActorDefinition template = registry.definition(parent);
		if (template == null || template.kind != Kind.UNNAMED) {
			throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
					"no UNNAMED template '" + parent + "' in system '" + registry.name + "'");
		}
		return template;
	}

	private Resolved resolve(ActorId target, InvocationRequest request) {
		ActorSystemRegistry registry = this.systems.get(target.getSystem());
		if (registry == null) {
			throw notFound(target);
		}
		ActorDefinition definition = registry.definition(target.getName());
		String wanted = request.getRegisterRef();
		if (definition != null && !wanted.isEmpty() && !wanted.equals(target.getName())) {
			// An instance id chosen by a caller must never reach another actor that happens to carry that name.
			throw new SpawnException(InvocationStatus.INVALID_REQUEST, "instance id '" + target.getName()
					+ "' of template '" + wanted + "' is the name of a registered actor; choose another id");
		}
		if (definition != null) {
			if (definition.kind == Kind.UNNAMED) {
				throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND, "'" + target.getName()
						+ "' is an UNNAMED template; spawn an instance of it or call one with register_ref");
			}
			checkKind(definition);
			return new Resolved(registry, definition, target);
		}
		ActorSystemRegistry.Instance instance = registry.instance(target.getName());
		if (instance != null && !wanted.isEmpty() && !wanted.equals(instance.parent())) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST, "instance '" + target.getName()
					+ "' belongs to template '" + instance.parent() + "', not '" + wanted + "'");
		}
		String parent = (instance != null) ? instance.parent()
				: !request.getRegisterRef().isEmpty() ? request.getRegisterRef()
						: request.getActor().getId().getParent();
		if (parent.isEmpty()) {
			parent = storedParent(target);
		}
		if (parent.isEmpty()) {
			throw notFound(target);
		}
		ActorDefinition template = template(registry, parent);
		if (instance == null) {
			addInstance(registry, target.getName(), parent, null);
		}
		return new Resolved(registry, template, target.toBuilder().setParent(parent).build());
	}

	/**
	 * The template of an instance spawned before a restart, from its stored snapshot: instances live in memory,
	 * their state (with its parent) in the store.
	 */
	private String storedParent(ActorId target) {
		try {
			return this.store.load(ActorKey.of(target))
				.map((stored) -> (stored.parent() != null) ? stored.parent() : "")
				.orElse("");
		}
		catch (StateStoreException ex) {
			throw new SpawnException(InvocationStatus.UNAVAILABLE, "state store unavailable: " + ex.getMessage(), ex);
		}
	}

	private static void checkKind(ActorDefinition definition) {
		if (definition.kind == Kind.TASK || definition.kind == Kind.PROJECTION || definition.kind == Kind.PROXY) {
			throw new SpawnException(InvocationStatus.NOT_IMPLEMENTED, "actor '" + definition.name + "' is of kind "
					+ definition.kind + ", which this runtime accepts at registration but cannot run yet");
		}
	}

	private static SpawnException notFound(ActorId target) {
		return new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
				"no actor '" + target.getName() + "' in system '" + target.getSystem() + "'");
	}

	private record Resolved(ActorSystemRegistry registry, ActorDefinition definition, ActorId id) {
	}

	// ----------------------------------------------------------------------------------------------------------
	// Turns (called by Activation and ActorPool)
	// ----------------------------------------------------------------------------------------------------------

	void startDrain(Activation activation) {
		Thread.ofVirtual().start(activation);
	}

	void startWorker(Runnable worker) {
		Thread.ofVirtual().start(worker);
	}

	RuntimeClock clock() {
		return this.clock;
	}

	ActorStateStore store() {
		return this.store;
	}

	RuntimeObserver observer() {
		return this.observer;
	}

	/** A call an actor receives from the runtime itself (init, timers): no input, caller = self. */
	InvocationRequest selfCall(ActorId id, String action) {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(id.getSystem()))
			.setActor(Actor.newBuilder().setId(id))
			.setActionName(action)
			.setNoop(Noop.getDefaultInstance())
			.setCaller(id)
			.build();
	}

	/**
	 * Runs one action in the host.
	 * @throws SpawnException for every failure, with its status
	 */
	ActorInvocationResponse callHost(ActorId self, String action, ActorState state, InvocationRequest request,
			long deadlineMillis, long timeoutMillis) {
		long remaining = (deadlineMillis == Long.MAX_VALUE) ? this.settings.defaultCallTimeout().toMillis()
				: deadlineMillis - this.clock.millis();
		if (remaining <= 0) {
			throw new SpawnException(InvocationStatus.DEADLINE_EXCEEDED, "timed out after " + timeoutMillis + " ms");
		}
		Context.Builder context = Context.newBuilder().setSelf(self);
		// Reading an absent protobuf map allocates; most calls carry no tags and no metadata.
		if (state.getTagsCount() > 0) {
			context.putAllTags(state.getTagsMap());
		}
		if (request.getMetadataCount() > 0) {
			context.putAllMetadata(request.getMetadataMap());
		}
		if (state.hasState()) {
			context.setState(state.getState());
		}
		ActorInvocation.Builder invocation = ActorInvocation.newBuilder().setActor(self).setActionName(action);
		if (request.hasCaller()) {
			context.setCaller(request.getCaller());
			invocation.setCaller(request.getCaller());
		}
		invocation.setCurrentContext(context);
		if (request.hasValue()) {
			invocation.setValue(request.getValue());
		}
		else {
			invocation.setNoop(Noop.getDefaultInstance());
		}
		try {
			ActorInvocationResponse response = this.host.invoke(invocation.build(), Duration.ofMillis(remaining));
			if (response == null) {
				throw new SpawnException(InvocationStatus.BAD_HOST_RESPONSE,
						"host returned no response for action '" + action + "' of actor '" + self.getName() + "'");
			}
			return response;
		}
		catch (HostException ex) {
			throw switch (ex.reason()) {
				case ACTION_FAILED -> new SpawnException(InvocationStatus.ACTION_FAILED, ex.getMessage(), ex);
				case UNAVAILABLE -> new SpawnException(InvocationStatus.UNAVAILABLE,
						"host unavailable: " + ex.getMessage(), ex);
				case TIMEOUT -> new SpawnException(InvocationStatus.DEADLINE_EXCEEDED,
						"timed out after " + ((timeoutMillis > 0) ? timeoutMillis : remaining) + " ms", ex);
				case BAD_RESPONSE -> new SpawnException(InvocationStatus.BAD_HOST_RESPONSE,
						"host answered an invalid response: " + ex.getMessage(), ex);
			};
		}
		catch (SpawnException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
			throw new SpawnException(InvocationStatus.ACTION_FAILED, message, ex);
		}
	}

	/**
	 * Finishes a turn: replies (directly, or through the pipe or forward target), then runs side effects and
	 * the broadcast, so that they never delay the reply.
	 */
	void completeTurn(ActorId self, Envelope envelope, ActorInvocationResponse response) {
		Workflow workflow = response.getWorkflow();
		Any output = response.hasValue() ? response.getValue() : null;
		InvocationRequest request = envelope.request();
		long now = this.clock.millis();
		List<SideEffect> immediate = new ArrayList<>();
		for (SideEffect effect : workflow.getEffectsList()) {
			if (effect.getRequest().getScheduledTo() > now) {
				// Delayed side effects are stored before the caller hears back, so that an answered call never
				// loses them.
				InvocationResult stored = sideEffect(self, request, effect.getRequest()).join();
				if (!stored.ok()) {
					fail(envelope, new SpawnException(InvocationStatus.UNAVAILABLE,
							"the delayed side effect " + effect.getRequest().getActionName() + " could not be stored: "
									+ stored.message()));
					return;
				}
			}
			else {
				immediate.add(effect);
			}
		}
		if (workflow.hasPipe()) {
			route(self, envelope, workflow.getPipe().getActor(), workflow.getPipe().getActionName(),
					workflow.getPipe().getRegisterRef(), output);
		}
		else if (workflow.hasForward()) {
			route(self, envelope, workflow.getForward().getActor(), workflow.getForward().getActionName(),
					workflow.getForward().getRegisterRef(), request.hasValue() ? request.getValue() : null);
		}
		else {
			reply(envelope, self, output);
		}
		for (SideEffect effect : immediate) {
			sideEffect(self, request, effect.getRequest()).thenAccept((result) -> {
				if (!result.ok()) {
					logger.warn(() -> "Side effect " + effect.getRequest().getActionName() + " of actor '"
							+ self.getName() + "' was refused: " + result.message());
				}
			});
		}
		if (workflow.hasBroadcast()) {
			broadcast(self, request, workflow.getBroadcast());
		}
	}

	private void route(ActorId self, Envelope envelope, String actor, String action, String registerRef,
			@Nullable Any input) {
		if (actor.isBlank() || action.isBlank()) {
			fail(envelope, new SpawnException(InvocationStatus.BAD_HOST_RESPONSE,
					"pipe or forward of actor '" + self.getName() + "' names no actor or action"));
			return;
		}
		InvocationRequest original = envelope.request();
		InvocationRequest.Builder next = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(self.getSystem()))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(self.getSystem()).setName(actor)))
			.setActionName(action)
			.setCaller(self)
			.putAllMetadata(original.getMetadataMap())
			.setRegisterRef(registerRef)
			.setAsync(envelope.reply == null);
		if (input != null) {
			next.setValue(input);
		}
		else {
			next.setNoop(Noop.getDefaultInstance());
		}
		if (envelope.deadlineMillis != Long.MAX_VALUE) {
			long remaining = Math.max(1, envelope.deadlineMillis - this.clock.millis());
			next.putMetadata(REQUEST_TIMEOUT, Long.toString(remaining));
		}
		submit(next.build(), Envelope.Type.CALL, false).whenComplete((result, error) -> {
			if (envelope.reply == null) {
				if (result != null && !result.ok()) {
					logger.warn(() -> "Async " + action + " routed from '" + self.getName() + "' to '" + actor
							+ "' failed: " + result.message());
				}
				complete(envelope, accepted(self));
				return;
			}
			complete(envelope, (result != null) ? result
					: InvocationResult.failure(InvocationStatus.UNAVAILABLE, String.valueOf(error), self));
		});
	}

	private CompletableFuture<InvocationResult> sideEffect(ActorId self, InvocationRequest original,
			InvocationRequest effect) {
		InvocationRequest.Builder request = effect.toBuilder().setAsync(true);
		if (request.getSystem().getName().isEmpty()) {
			request.setSystem(ActorSystem.newBuilder().setName(self.getSystem()));
		}
		if (!request.hasCaller()) {
			request.setCaller(self);
		}
		Map<String, String> metadata = new LinkedHashMap<>(original.getMetadataMap());
		metadata.remove(REQUEST_TIMEOUT);
		metadata.putAll(effect.getMetadataMap());
		request.clearMetadata().putAllMetadata(metadata);
		if (!request.hasValue() && !request.hasNoop()) {
			request.setNoop(Noop.getDefaultInstance());
		}
		return submit(request.build(), Envelope.Type.CALL, false);
	}

	private void broadcast(ActorId self, InvocationRequest original, Broadcast broadcast) {
		ActorSystemRegistry registry = this.systems.get(self.getSystem());
		if (registry == null || broadcast.getChannelGroup().isEmpty()) {
			return;
		}
		String topic = broadcast.getChannelGroup();
		for (ActorDefinition definition : registry.definitions().values()) {
			String action = definition.subscription(topic);
			if (action == null) {
				continue;
			}
			if (definition.kind == Kind.UNNAMED) {
				for (Activation activation : this.activations.values()) {
					if (activation.system == registry && activation.definitionName.equals(definition.name)) {
						deliver(self, original, broadcast, activation.id, action);
					}
				}
			}
			else {
				deliver(self, original, broadcast,
						ActorId.newBuilder().setSystem(registry.name).setName(definition.name).build(), action);
			}
		}
	}

	private void deliver(ActorId self, InvocationRequest original, Broadcast broadcast, ActorId subscriber,
			String action) {
		InvocationRequest.Builder request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(subscriber.getSystem()))
			.setActor(Actor.newBuilder().setId(subscriber))
			.setActionName(action)
			.setAsync(true)
			.setCaller(self)
			.setRegisterRef(subscriber.getParent())
			.putAllMetadata(original.getMetadataMap())
			.removeMetadata(REQUEST_TIMEOUT);
		if (broadcast.hasValue()) {
			request.setValue(broadcast.getValue());
		}
		else {
			request.setNoop(Noop.getDefaultInstance());
		}
		submit(request.build(), Envelope.Type.CALL, false).thenAccept((result) -> {
			if (!result.ok()) {
				logger.warn(() -> "Broadcast on '" + broadcast.getChannelGroup() + "' to '" + subscriber.getName()
						+ "' was refused: " + result.message());
			}
		});
	}

	void reply(Envelope envelope, ActorId self, @Nullable Any output) {
		InvocationResponse.Builder response = InvocationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.OK))
			.setSystem(ActorSystem.newBuilder().setName(self.getSystem()))
			.setActor(Actor.newBuilder().setId(self));
		if (output != null) {
			response.setValue(output);
		}
		else {
			response.setNoop(Noop.getDefaultInstance());
		}
		complete(envelope, new InvocationResult(InvocationStatus.OK, response.build()));
	}

	void fail(Envelope envelope, SpawnException error) {
		if (envelope.reply == null && error.status() != InvocationStatus.ACTION_NOT_FOUND) {
			logger.warn(() -> "Async call " + envelope.request().getActionName() + " to '"
					+ envelope.target().getName() + "' failed: " + error.getMessage());
		}
		complete(envelope, InvocationResult.failure(error.status(), error.getMessage(), envelope.target()));
	}

	void expired(Envelope envelope) {
		complete(envelope, InvocationResult.failure(InvocationStatus.DEADLINE_EXCEEDED,
				"timed out after " + envelope.timeoutMillis + " ms before the actor could take the call",
				envelope.target()));
	}

	void turnFailed(ActorId actor, Envelope envelope, Throwable error) {
		logger.error(error, () -> "Unexpected failure in a turn of actor '" + actor.getName() + "'");
		if (!envelope.isSystem()) {
			complete(envelope, InvocationResult.failure(InvocationStatus.ACTION_FAILED,
					"internal error: " + error, envelope.target()));
		}
	}

	private void complete(Envelope envelope, InvocationResult result) {
		RuntimeClock.Cancellable timer = envelope.deadlineTimer;
		if (timer != null) {
			timer.cancel();
		}
		CompletableFuture<InvocationResult> reply = envelope.reply;
		boolean first = (reply == null) || reply.complete(result);
		if (first) {
			this.observer.invocationCompleted(ActorKey.of(envelope.target()), envelope.request().getActionName(),
					result.status(), System.nanoTime() - envelope.acceptedNanos);
		}
	}

	void activated(Activation activation) {
		this.observer.activated(activation.key);
	}

	void passivated(Activation activation) {
		try {
			// Before anyone can activate the actor again: a late release would drop the new activation's lease.
			activation.releaseLease();
		}
		catch (RuntimeException ex) {
			logger.warn(ex, () -> "Lease of '" + activation.key + "' not released; it expires by itself");
		}
		finally {
			this.activations.remove(activation.key, activation);
			int remaining = this.activeCount.decrementAndGet();
			activation.terminated().complete(null);
			this.observer.passivated(activation.key);
			CompletableFuture<Void> drainedFuture = this.drained;
			if (drainedFuture != null && remaining == 0) {
				drainedFuture.complete(null);
			}
		}
	}

	private boolean dispatchScheduled(ScheduledInvocation invocation) {
		if (this.draining) {
			return false;
		}
		InvocationRequest request = invocation.request()
			.toBuilder()
			.setAsync(true)
			.putMetadata(ScheduledInvocation.ID_METADATA, invocation.id())
			.build();
		ActorSystemRegistry registry = this.systems.get(ActorKey.target(request).system());
		if (registry == null) {
			// After a restart the host has not registered again yet: keep the call until it has.
			return false;
		}
		ActorDefinition definition = definitionOf(registry, request);
		if (definition != null && !definition.declares(request.getActionName())
				&& !ActionNames.GET.contains(request.getActionName())) {
			return dropScheduled(invocation, "action '" + request.getActionName() + "' is no longer declared by '"
					+ definition.name + "'");
		}
		InvocationResult result = submit(request, Envelope.Type.CALL, false).join();
		return switch (result.status()) {
			case MAILBOX_FULL, UNAVAILABLE -> false;
			case ACTOR_NOT_FOUND, ACTION_NOT_FOUND -> dropScheduled(invocation, result.message());
			default -> true;
		};
	}

	private @Nullable ActorDefinition definitionOf(ActorSystemRegistry registry, InvocationRequest request) {
		String name = request.getActor().getId().getName();
		ActorDefinition definition = registry.definition(name);
		if (definition != null) {
			return definition;
		}
		ActorSystemRegistry.Instance instance = registry.instance(name);
		String parent = (instance != null) ? instance.parent() : request.getRegisterRef();
		return parent.isEmpty() ? null : registry.definition(parent);
	}

	/** The actor or its action was unregistered: a timer for it would fail forever, a delayed call never run. */
	private boolean dropScheduled(ScheduledInvocation invocation, String reason) {
		logger.info(() -> "Dropping scheduled invocation " + invocation.id() + ": " + reason);
		if (invocation.recurring()) {
			this.scheduler.cancel(invocation.id());
		}
		return true;
	}

	private static InvocationResult accepted(ActorId target) {
		return new InvocationResult(InvocationStatus.OK, InvocationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.OK))
			.setSystem(ActorSystem.newBuilder().setName(target.getSystem()))
			.setActor(Actor.newBuilder().setId(target))
			.setNoop(Noop.getDefaultInstance())
			.build());
	}

	private static CompletableFuture<InvocationResult> failed(InvocationStatus status, String message,
			ActorId target) {
		return CompletableFuture.completedFuture(InvocationResult.failure(status, message, target));
	}

	// ----------------------------------------------------------------------------------------------------------
	// Introspection and shutdown
	// ----------------------------------------------------------------------------------------------------------

	/**
	 * Number of activated actors.
	 * @return the count
	 */
	public int activeActors() {
		return this.activeCount.get();
	}

	/**
	 * Whether an actor is activated now.
	 * @param system the system
	 * @param actor the actor's name
	 * @return whether it is in memory
	 */
	public boolean isActive(String system, String actor) {
		return this.activations.containsKey(new ActorKey(system, actor));
	}

	/**
	 * Calls queued in every mailbox and pool.
	 * @return the count
	 */
	public int queuedCalls() {
		int total = 0;
		for (Activation activation : this.activations.values()) {
			total += activation.pending();
		}
		for (ActorPool pool : this.pools.values()) {
			total += pool.queued();
		}
		return total;
	}

	public boolean isDraining() {
		return this.draining;
	}

	/**
	 * Shuts down gracefully: refuses new calls, lets queued calls finish, persists every changed state and
	 * passivates every actor, then stops the scheduler.
	 * @param timeout how long to wait for queued calls and flushes
	 * @return whether every actor passivated in time (false means some state could not be flushed)
	 */
	public boolean shutdown(Duration timeout) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.drained = done;
		this.draining = true;
		for (Activation activation : this.activations.values()) {
			activation.requestPassivation(Envelope.PASSIVATE);
		}
		if (this.activeCount.get() == 0) {
			done.complete(null);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean clean = true;
		try {
			done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			while (busyPools() && System.nanoTime() < deadline) {
				Thread.onSpinWait();
				Thread.yield();
			}
		}
		catch (TimeoutException ex) {
			clean = false;
			logger.error(() -> this.activeCount.get() + " actors did not passivate within " + timeout
					+ "; their unsaved state may be lost: " + this.activations.keySet());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			clean = false;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			clean = false;
		}
		this.scheduler.stop();
		return clean && !busyPools();
	}

	private boolean busyPools() {
		for (ActorPool pool : this.pools.values()) {
			if (pool.busy() > 0) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		shutdown(this.settings.defaultCallTimeout());
	}

}
