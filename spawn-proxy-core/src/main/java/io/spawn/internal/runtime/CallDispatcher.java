package io.spawn.internal.runtime;

import io.spawn.internal.cluster.ForwardedCall;
import io.spawn.internal.cluster.PeerClient;
import io.spawn.internal.cluster.RemoteSystems;
import io.spawn.internal.host.LocalValue;
import io.spawn.internal.placement.ActorPlacement;
import io.spawn.internal.placement.Placement;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Where every call enters: it is validated, its actor resolved, then placed by the {@link ActorPlacement} and
 * either queued in the local actor's mailbox or forwarded to the member that owns the actor. Delayed calls go to
 * the {@link InvocationScheduler}; calls that meet another member's lease are sent to the lease holder or wait
 * for its release, so an actor never runs in two places.
 */
final class CallDispatcher {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(CallDispatcher.class));

	/** Forwards one call may take (owner, then lease holder, then a re-placement after a handover). */
	static final int MAX_HOPS = 4;

	/** How long a call waits at the owner for a live holder's release before it goes to the holder instead. */
	private static final long HOLDER_WAIT_MILLIS = 1_000;

	private final Registrations registrations;

	private final ActorResolver resolver;

	private final ActorDirectory directory;

	private final Completion completion;

	private final InvocationScheduler scheduler;

	private final RuntimeClock clock;

	private final RuntimeSettings settings;

	private final ActorPlacement placement;

	private final PeerClient peers;

	private final RuntimeObserver observer;

	private @Nullable TurnContext context;

	private volatile boolean draining;

	private volatile RemoteSystems remoteSystems = RemoteSystems.NONE;

	CallDispatcher(Registrations registrations, ActorResolver resolver, ActorDirectory directory,
			Completion completion, InvocationScheduler scheduler, RuntimeClock clock, RuntimeSettings settings,
			ActorPlacement placement, PeerClient peers, RuntimeObserver observer) {
		this.registrations = registrations;
		this.resolver = resolver;
		this.directory = directory;
		this.completion = completion;
		this.scheduler = scheduler;
		this.clock = clock;
		this.settings = settings;
		this.placement = placement;
		this.peers = peers;
		this.observer = observer;
	}

	void bind(TurnContext context) {
		this.context = context;
	}

	private TurnContext context() {
		TurnContext context = this.context;
		if (context == null) {
			throw new IllegalStateException("dispatcher is not bound");
		}
		return context;
	}

	/** Names the other actor systems calls may go to. */
	void connect(RemoteSystems systems) {
		this.remoteSystems = systems;
	}

	void startDraining() {
		this.draining = true;
	}

	boolean draining() {
		return this.draining;
	}

	ActorPlacement placement() {
		return this.placement;
	}

	// ----------------------------------------------------------------------------------------------------------
	// Entry points
	// ----------------------------------------------------------------------------------------------------------

	/** A call from a caller outside the runtime (protocol route, embedded client). */
	CompletableFuture<InvocationResult> submit(InvocationRequest request, boolean readState) {
		return submitExternal(request, readState, null, false, false);
	}

	/** As {@link #submit(InvocationRequest, boolean)}, for a caller that waits on this thread (see submitLocalAndRun). */
	CompletableFuture<InvocationResult> submitAndRun(InvocationRequest request) {
		return submitExternal(request, false, null, false, true);
	}

	/** A call from a caller in this process that passes its command and takes its reply as objects. */
	CompletableFuture<InvocationResult> submitLocal(InvocationRequest request, @Nullable LocalValue command) {
		return submitExternal(request, false, command, true, false);
	}

	/**
	 * As {@link #submitLocal}, for a caller that waits for the outcome on this thread: when the actor is here and
	 * idle, its turn runs on this thread and the future is done on return.
	 */
	CompletableFuture<InvocationResult> submitLocalAndRun(InvocationRequest request, @Nullable LocalValue command) {
		return submitExternal(request, false, command, true, true);
	}

	/** A call from outside the runtime, which may not name a reserved action. */
	private CompletableFuture<InvocationResult> submitExternal(InvocationRequest request, boolean readState,
			@Nullable LocalValue command, boolean objectReply, boolean callerRuns) {
		if (reserved(request)) {
			return refuseReserved(request);
		}
		return submit(request, readState, false, true, 0, 0, null, command, objectReply, callerRuns);
	}

	private static boolean reserved(InvocationRequest request) {
		return ActionNames.RESTORE_STATE.equals(request.getActionName());
	}

	private static CompletableFuture<InvocationResult> refuseReserved(InvocationRequest request) {
		return Completion.failed(InvocationStatus.INVALID_REQUEST, "action '" + ActionNames.RESTORE_STATE
				+ "' is reserved; restore a revision through the operations API", request.getActor().getId());
	}

	/** A restore of a kept revision, from the operations API; it runs as a turn of the actor, placed like a call. */
	CompletableFuture<InvocationResult> submitRestore(InvocationRequest request) {
		return submit(request, false, false, true, 0, 0, null, null, false, false);
	}

	/** A deletion of an actor's stored state, from a caller outside the runtime; it runs as a turn of the actor. */
	CompletableFuture<InvocationResult> submitDelete(InvocationRequest request) {
		return submit(request, false, true, true, 0, 0, null, null, false, false);
	}

	/** A call the runtime makes for an actor (pipe, forward, side effect, broadcast, schedule). */
	CompletableFuture<InvocationResult> submitInternal(InvocationRequest request, long deadlineMillis) {
		if (reserved(request)) {
			return refuseReserved(request);
		}
		return submit(request, false, false, false, deadlineMillis, 0, null, null, false, false);
	}

	/** A call another member forwarded here. */
	CompletableFuture<InvocationResult> submitForwarded(ForwardedCall call) {
		long now = this.clock.millis();
		long deadline = (call.timeoutMillis() > 0) ? now + call.timeoutMillis() : Long.MAX_VALUE;
		if (call.deadlineEpochMillis() > 0) {
			// The sender's deadline on the shared wall clock, translated to this runtime's clock.
			long left = call.deadlineEpochMillis() - System.currentTimeMillis();
			if (left <= 0) {
				ActorId target = call.request().getActor().getId();
				return Completion.failed(InvocationStatus.DEADLINE_EXCEEDED,
						"the call's deadline passed before it reached this member; it was not run", target);
			}
			deadline = Math.min(deadline, now + left);
		}
		return submit(call.request(), call.readState(), call.deleteState(), false, deadline, Math.max(1, call.hops()),
				call.callerChain(), null, false, false);
	}

	/**
	 * @param deadlineMillis the deadline an internal or forwarded call carries (its request's metadata is the
	 * caller's and is not read for it), or 0 to take it from the request's {@code request-timeout}
	 * @param givenChain the caller chain a forwarded call carries, or null to work it out here
	 * @param command the command as an object (the request then has no value), or null
	 * @param objectReply whether the caller takes the reply as an object
	 * @param callerRuns whether the caller waits on this thread and runs the turn itself if the actor is idle here
	 */
	private CompletableFuture<InvocationResult> submit(InvocationRequest request, boolean readState,
			boolean deleteState, boolean external, long deadlineMillis, int hops, @Nullable List<ActorKey> givenChain,
			@Nullable LocalValue command, boolean objectReply, boolean callerRuns) {
		ActorId target = ActorId.newBuilder()
			.setSystem(request.getActor().getId().getSystem().isEmpty() ? request.getSystem().getName()
					: request.getActor().getId().getSystem())
			.setName(request.getActor().getId().getName())
			.build();
		if (this.draining && !this.placement.clustered()) {
			return Completion.failed(InvocationStatus.UNAVAILABLE,
					"the runtime is shutting down and takes no new calls; retry on another replica", target);
		}
		try {
			validate(request, target);
			if (isOtherSystem(target.getSystem())) {
				return toOtherSystem(request, target, readState, deleteState, command);
			}
			ActorResolver.Resolved resolved = this.resolver.resolve(target, request);
			long now = this.clock.millis();
			if (request.getScheduledTo() > now) {
				return scheduleDelayed(withCommand(request, command), target);
			}
			boolean async = request.getAsync() || request.getScheduledTo() > 0;
			long timeout;
			long callTimeout;
			long deadline;
			if (deadlineMillis > 0) {
				timeout = (deadlineMillis == Long.MAX_VALUE) ? 0 : Math.max(1, deadlineMillis - now);
				callTimeout = (timeout > 0) ? timeout : this.settings.defaultCallTimeout().toMillis();
				deadline = async ? deadlineMillis : now + callTimeout;
			}
			else {
				timeout = requestTimeout(request);
				callTimeout = (timeout > 0) ? timeout : this.settings.defaultCallTimeout().toMillis();
				deadline = async ? ((timeout > 0) ? now + timeout : Long.MAX_VALUE) : now + callTimeout;
			}
			List<ActorKey> chain = List.of();
			if (!async) {
				chain = (givenChain != null) ? givenChain : external ? callerChain(request, target) : List.of();
				checkReentrance(chain, ActorKey.of(target));
			}
			CompletableFuture<InvocationResult> reply = async ? null : new CompletableFuture<>();
			Envelope.Call call = new Envelope.Call(readState, deleteState, request, target, reply, deadline,
					async ? timeout : callTimeout, chain, hops, command, objectReply && !async);
			if (reply != null) {
				long timeoutMillis = callTimeout;
				call.deadlineTimer = this.clock.deadline(Duration.ofMillis(callTimeout),
						() -> this.completion.complete(call, InvocationResult.failure(
								InvocationStatus.DEADLINE_EXCEEDED, "timed out after " + timeoutMillis + " ms", target)));
			}
			Placement placed = place(resolved, hops, false);
			if (placed instanceof Placement.Remote remote) {
				forward(remote.node(), call);
				return async ? CompletableFuture.completedFuture(Completion.accepted(target)) : reply;
			}
			if (placed == null) {
				SpawnException nobody = nobodyToTakeIt(target);
				this.completion.fail(call, nobody);
				return async ? Completion.failed(nobody.status(), nobody.getMessage(), target) : reply;
			}
			boolean taken = enqueue(call, resolved, callerRuns && !async);
			if (async && !taken) {
				return Completion.failed(InvocationStatus.MAILBOX_FULL, "mailbox of actor '" + target.getName()
						+ "' is full (" + this.settings.mailboxCapacity() + " queued calls); retry later", target);
			}
			return async ? CompletableFuture.completedFuture(Completion.accepted(target)) : reply;
		}
		catch (SpawnException ex) {
			this.observer.invocationCompleted(ActorKey.of(target), request.getActionName(), ex.status(), 0);
			return Completion.failed(ex.status(), ex.getMessage(), target);
		}
	}

	/** Whether calls to the system go to another system's members: it is not registered here, but named to call. */
	private boolean isOtherSystem(String system) {
		RemoteSystems remote = this.remoteSystems;
		return remote != RemoteSystems.NONE && this.registrations.system(system) == null
				&& remote.systems().contains(system);
	}

	/**
	 * Sends a call to a member of another actor system, which places it in its own cluster. Reentrance is not
	 * tracked across systems: a cycle through another system ends at its deadline.
	 */
	private CompletableFuture<InvocationResult> toOtherSystem(InvocationRequest request, ActorId target,
			boolean readState, boolean deleteState, @Nullable LocalValue command) {
		boolean async = request.getAsync() || request.getScheduledTo() > 0;
		long timeout = requestTimeout(request);
		long callTimeout = (async || timeout > 0) ? timeout : this.settings.defaultCallTimeout().toMillis();
		long deadlineEpoch = (callTimeout > 0) ? System.currentTimeMillis() + callTimeout : 0;
		ForwardedCall call = new ForwardedCall(withCommand(request, command), callTimeout, 1, List.of(), readState, deleteState,
				deadlineEpoch);
		ActorKey key = ActorKey.of(target);
		return this.remoteSystems.forward(target.getSystem(), call).thenApply((result) -> {
			this.observer.callForwarded(key, "system:" + target.getSystem(), result.status());
			return result;
		});
	}

	/** The request with its command in bytes, for a call that leaves this process or outlives the call. */
	private static InvocationRequest withCommand(InvocationRequest request, @Nullable LocalValue command) {
		try {
			return Envelope.Call.withCommand(request, command);
		}
		catch (LocalValue.EncodingException ex) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST, ex.getMessage(), ex);
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

	private CompletableFuture<InvocationResult> scheduleDelayed(InvocationRequest request, ActorId target) {
		InvocationRequest later = request.toBuilder().setAsync(true).clearScheduledTo().build();
		try {
			this.scheduler.schedule(
					new ScheduledInvocation(UUID.randomUUID().toString(), later, request.getScheduledTo(), 0));
		}
		catch (StateStoreException ex) {
			return Completion.failed(InvocationStatus.UNAVAILABLE,
					"could not store the delayed call: " + ex.getMessage(), target);
		}
		return CompletableFuture.completedFuture(Completion.accepted(target));
	}

	private static long requestTimeout(InvocationRequest request) {
		if (request.getMetadataCount() == 0) {
			return 0;
		}
		String value = request.getMetadataOrDefault(ActorRuntime.REQUEST_TIMEOUT, "");
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
			throw new SpawnException(InvocationStatus.INVALID_REQUEST, "metadata '" + ActorRuntime.REQUEST_TIMEOUT
					+ "' must be a positive number of milliseconds, was '" + value + "'");
		}
	}

	/**
	 * The actors that wait for a synchronous call made from inside a turn of its caller: the caller, and whoever
	 * waits for the caller's own call.
	 */
	private List<ActorKey> callerChain(InvocationRequest request, ActorId target) {
		if (!request.hasCaller() || request.getCaller().getName().isEmpty()) {
			return List.of();
		}
		ActorId caller = request.getCaller();
		ActorKey key = new ActorKey(caller.getSystem().isEmpty() ? target.getSystem() : caller.getSystem(),
				caller.getName());
		Activation activation = this.directory.get(key);
		if (activation == null || !activation.inTurn) {
			return List.of();
		}
		List<ActorKey> upstream = activation.turnChain;
		List<ActorKey> chain = new ArrayList<>(upstream.size() + 1);
		chain.addAll(upstream);
		chain.add(key);
		return chain;
	}

	/**
	 * Fails a synchronous call that would wait on an actor already waiting further up its own call chain
	 * (A calls B, B calls A): it could only end in a timeout.
	 */
	private static void checkReentrance(List<ActorKey> chain, ActorKey target) {
		int at = chain.indexOf(target);
		if (at < 0) {
			return;
		}
		StringBuilder path = new StringBuilder();
		for (int i = at; i < chain.size(); i++) {
			path.append(chain.get(i).name()).append(" -> ");
		}
		throw new SpawnException(InvocationStatus.REENTRANT_CALL, "reentrant call: actor '" + target.name()
				+ "' is already waiting in this call chain (" + path + target.name()
				+ "); a synchronous call back into it would deadlock. Use an async call or a side effect");
	}

	// ----------------------------------------------------------------------------------------------------------
	// Placement
	// ----------------------------------------------------------------------------------------------------------

	/**
	 * Where a call runs. A forwarded call runs here when this member owns the actor in its own view or still
	 * holds its activation (the sender saw it as owner or lease holder); otherwise the sender's view was older
	 * than this member's, and the call goes on to the owner this member sees, at most {@link #MAX_HOPS} times.
	 * Running it here instead would activate the actor again on a member that has just handed it over, and
	 * nothing would move it to its owner until the next change of the view.
	 * @return the placement, or null when this member is leaving and nobody can take the actor
	 */
	private @Nullable Placement place(ActorResolver.Resolved resolved, int hops, boolean again) {
		if (!this.placement.clustered() || resolved.definition().kind == Kind.POOLED) {
			return Placement.LOCAL;
		}
		Placement owner = this.placement.place(resolved.key());
		if (hops > 0 && !again && !this.draining
				&& (!(owner instanceof Placement.Remote) || this.directory.get(resolved.key()) != null)) {
			return Placement.LOCAL;
		}
		if (owner instanceof Placement.Remote && hops >= MAX_HOPS && !this.draining) {
			return Placement.LOCAL;
		}
		if (this.draining && !(owner instanceof Placement.Remote)) {
			return null;
		}
		return owner;
	}

	private static SpawnException nobodyToTakeIt(ActorId target) {
		return new SpawnException(InvocationStatus.UNAVAILABLE, "this member is leaving and no other member is live"
				+ " to take actor '" + target.getName() + "'; retry on another replica");
	}

	private void forward(String node, Envelope.Call call) {
		long now = this.clock.millis();
		long timeout = (call.deadlineMillis == Long.MAX_VALUE) ? 0 : Math.max(1, call.deadlineMillis - now);
		long deadlineEpoch = (timeout > 0) ? System.currentTimeMillis() + timeout : 0;
		InvocationRequest request;
		try {
			request = call.encodedRequest();
		}
		catch (LocalValue.EncodingException ex) {
			this.completion.fail(call, new SpawnException(InvocationStatus.INVALID_REQUEST,
					"the command cannot be sent to member '" + node + "': " + ex.getMessage(), ex));
			return;
		}
		ForwardedCall forwarded = new ForwardedCall(request, timeout, call.hops + 1, call.callerChain,
				call.readState, call.deleteState, deadlineEpoch);
		this.peers.forward(node, forwarded).whenComplete((result, error) -> {
			InvocationResult outcome = (result != null) ? result
					: InvocationResult.failure(InvocationStatus.UNAVAILABLE,
							"member '" + node + "' failed: " + error, call.target);
			this.observer.callForwarded(ActorKey.of(call.target), node, outcome.status());
			if (call.async() && !outcome.ok()) {
				logger.warn(() -> "Async " + call.request.getActionName() + " to '" + call.target.getName()
						+ "' forwarded to member '" + node + "' failed: " + outcome.message());
			}
			this.completion.complete(call, outcome);
		});
	}

	/** Queues a call here; returns whether it was taken (a refused call is failed with MAILBOX_FULL). */
	private boolean enqueue(Envelope.Call call, ActorResolver.Resolved resolved) {
		return enqueue(call, resolved, false);
	}

	/**
	 * @param callerRuns whether the caller waits on this thread: it then runs the turn of an idle actor itself
	 */
	private boolean enqueue(Envelope.Call call, ActorResolver.Resolved resolved, boolean callerRuns) {
		TurnContext context = context();
		Mailbox.Offer offer;
		if (resolved.definition().kind == Kind.POOLED) {
			offer = this.directory.pool(context, resolved).offer(call, this.settings.mailboxCapacity());
		}
		else {
			Activation activation = this.directory.activation(context, resolved, this.clock.millis());
			offer = callerRuns ? activation.offerToRunAsCaller(call, this.settings.mailboxCapacity())
					: activation.offer(call, this.settings.mailboxCapacity());
			if (offer == Mailbox.Offer.START && callerRuns) {
				this.directory.evictIfOverCapacity();
				activation.runAsCaller(call);
				return true;
			}
			if (offer == Mailbox.Offer.CLOSED) {
				// It is passivating (idle, evicted, handed over): once its state is flushed, place the call again.
				activation.terminated().whenComplete((done, error) -> placeAgain(call, resolved));
				return true;
			}
			this.directory.evictIfOverCapacity();
		}
		if (offer == Mailbox.Offer.FULL) {
			if (!call.async()) {
				this.completion.fail(call, new SpawnException(InvocationStatus.MAILBOX_FULL, "mailbox of actor '"
						+ call.target.getName() + "' is full (" + this.settings.mailboxCapacity()
						+ " queued calls); retry later"));
			}
			return false;
		}
		return true;
	}

	private void placeAgain(Envelope.Call call, ActorResolver.Resolved resolved) {
		if (this.draining && !this.placement.clustered()) {
			this.completion.fail(call, new SpawnException(InvocationStatus.UNAVAILABLE,
					"the runtime is shutting down and takes no new calls; retry on another replica"));
			return;
		}
		Placement placed = place(resolved, call.hops, true);
		if (placed instanceof Placement.Remote remote) {
			forward(remote.node(), call);
		}
		else if (placed == null) {
			this.completion.fail(call, nobodyToTakeIt(call.target));
		}
		else {
			enqueue(call, resolved);
		}
	}

	/**
	 * An activation found the actor's lease held by another node. A single node reports it; a member sends the
	 * call to a live holder (the holder is the owner in this member's view, or did not release in time), or waits
	 * for the release or expiry of the lease and tries again here.
	 */
	void leaseHeldElsewhere(Envelope.Call call, ActorResolver.Resolved resolved, String holder, long expiresAt,
			String message) {
		if (!this.placement.clustered()) {
			this.completion.fail(call, new SpawnException(InvocationStatus.UNAVAILABLE, message));
			return;
		}
		long now = this.clock.millis();
		if (call.abandoned(now)) {
			this.completion.expired(call);
			return;
		}
		if (call.leaseWaitStartedMillis == 0) {
			call.leaseWaitStartedMillis = now;
		}
		long waited = now - call.leaseWaitStartedMillis;
		boolean holderLive = !holder.equals(this.placement.localNode()) && this.placement.isLive(holder);
		if (holderLive && call.hops < MAX_HOPS) {
			Placement owner = this.placement.place(resolved.key());
			if ((owner instanceof Placement.Remote remote && remote.node().equals(holder))
					|| waited >= HOLDER_WAIT_MILLIS || this.draining) {
				forward(holder, call);
				return;
			}
		}
		long limit = this.settings.defaultCallTimeout().toMillis() * 2;
		if (call.async() && waited > limit) {
			this.completion.fail(call, new SpawnException(InvocationStatus.UNAVAILABLE,
					message + "; gave up after " + waited + " ms"));
			return;
		}
		long delay = Math.max(10, Math.min(250, waited / 4 + 10));
		if (expiresAt > now) {
			delay = Math.min(delay, expiresAt - now + 1);
		}
		this.clock.schedule(Duration.ofMillis(delay), () -> placeAgain(call, resolved));
	}

	// ----------------------------------------------------------------------------------------------------------
	// Scheduled calls
	// ----------------------------------------------------------------------------------------------------------

	boolean dispatchScheduled(ScheduledInvocation invocation) {
		if (this.draining) {
			return false;
		}
		InvocationRequest request = invocation.request()
			.toBuilder()
			.setAsync(true)
			.putMetadata(ScheduledInvocation.ID_METADATA, invocation.id())
			.build();
		String system = ActorKey.target(request).system();
		ActorSystemRegistry registry = this.registrations.system(system);
		if (registry == null && isOtherSystem(system)) {
			InvocationResult sent = submitInternal(request, Long.MAX_VALUE).join();
			return sent.status() != InvocationStatus.UNAVAILABLE;
		}
		if (registry == null) {
			// After a restart the host has not registered again yet: keep the call until it has.
			return false;
		}
		ActorDefinition definition = this.registrations.definitionOf(registry, request);
		if (definition != null && !definition.declares(request.getActionName())
				&& !ActionNames.GET.contains(request.getActionName())) {
			return dropScheduled(invocation, "action '" + request.getActionName() + "' is no longer declared by '"
					+ definition.name + "'");
		}
		InvocationResult result = submitInternal(request, Long.MAX_VALUE).join();
		return switch (result.status()) {
			case MAILBOX_FULL, UNAVAILABLE -> false;
			case ACTOR_NOT_FOUND, ACTION_NOT_FOUND -> dropScheduled(invocation, result.message());
			default -> true;
		};
	}

	/** The actor or its action was unregistered: a timer for it would fail forever, a delayed call never run. */
	private boolean dropScheduled(ScheduledInvocation invocation, String reason) {
		logger.info(() -> "Dropping scheduled invocation " + invocation.id() + ": " + reason);
		if (invocation.recurring()) {
			this.scheduler.cancel(invocation.id());
		}
		return true;
	}

}
