package io.spawn.internal.runtime;

import io.spawn.internal.cluster.ForwardedCall;
import io.spawn.internal.cluster.PeerClient;
import io.spawn.internal.cluster.RemoteSystems;
import io.spawn.internal.host.ActorHost;
import io.spawn.internal.host.LocalValue;
import io.spawn.internal.placement.ActorPlacement;
import io.spawn.internal.placement.Placement;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.SpawnResponse;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The actor runtime's facade: registration, calls, reads of state, introspection and shutdown. The sidecar proxy
 * and the starter's embedded mode each run one.
 *
 * <p>
 * A call enters at the {@link CallDispatcher}, is placed by the {@link ActorPlacement} (here, or forwarded to the
 * owning member), runs as a turn of its {@link Activation} (or {@link ActorPool}) through {@link HostCalls}, and
 * ends in {@link Workflows} and {@link Completion}. Nothing a caller or host does can crash it: every failure
 * becomes an {@link InvocationResult} with an {@link InvocationStatus}. It holds no global lock; each actor runs
 * one message at a time on a virtual thread that exists only while its mailbox has work.
 */
public final class ActorRuntime implements AutoCloseable {

	/** Metadata key bounding a call, in milliseconds. */
	public static final String REQUEST_TIMEOUT = "request-timeout";

	/** Protocol version this runtime speaks. */
	public static final int PROTOCOL_MAJOR = 1;

	public static final int PROTOCOL_MINOR = 2;

	private final InvocationScheduler scheduler;

	private final RuntimeSettings settings;

	private final Registrations registrations;

	private final ActorDirectory directory;

	private final Workflows workflows;

	private final CallDispatcher dispatcher;

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean shutDown;

	public ActorRuntime(ActorHost host, ActorStateStore store, InvocationScheduler scheduler, RuntimeClock clock,
			RuntimeSettings settings, RuntimeObserver observer) {
		this(host, store, scheduler, clock, settings, observer, "spawn-java", "0.1.0");
	}

	public ActorRuntime(ActorHost host, ActorStateStore store, InvocationScheduler scheduler, RuntimeClock clock,
			RuntimeSettings settings, RuntimeObserver observer, String proxyName, String proxyVersion) {
		this(host, store, scheduler, clock, settings, observer, proxyName, proxyVersion,
				ActorPlacement.singleNode("local"), PeerClient.NONE);
	}

	/**
	 * A runtime that is one member of a cluster.
	 * @param placement who owns which actor
	 * @param peers how to reach the other members
	 */
	public ActorRuntime(ActorHost host, ActorStateStore store, InvocationScheduler scheduler, RuntimeClock clock,
			RuntimeSettings settings, RuntimeObserver observer, String proxyName, String proxyVersion,
			ActorPlacement placement, PeerClient peers) {
		this.scheduler = scheduler;
		this.settings = settings;
		Completion completion = new Completion(observer);
		this.directory = new ActorDirectory(settings, observer);
		this.registrations = new Registrations(scheduler, clock, settings, this.directory, proxyName, proxyVersion);
		ActorResolver resolver = new ActorResolver(this.registrations, store);
		this.workflows = new Workflows(clock, completion, this.registrations, this.directory, peers);
		this.dispatcher = new CallDispatcher(this.registrations, resolver, this.directory, completion, scheduler,
				clock, settings, placement, peers, observer);
		this.workflows.bind(this.dispatcher);
		this.dispatcher.bind(new TurnContext(clock, store, observer, new HostCalls(host, clock, settings),
				this.workflows, completion, this.directory, this.dispatcher));
	}

	/**
	 * Starts firing delayed calls and timers. Calls are accepted before this; scheduled work waits for it.
	 */
	public void start() {
		if (this.started.compareAndSet(false, true)) {
			this.scheduler.start(this.dispatcher::dispatchScheduled);
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
		return this.registrations.register(request);
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
		return this.registrations.spawn(systemName, request, revision);
	}

	/**
	 * Schedules a one-shot call under an id the caller chooses, through this runtime's scheduler; scheduling the same
	 * id again replaces the entry. With the durable scheduler every member shares, members that schedule the same id
	 * store one entry, fired once. The id reaches the action as {@link ScheduledInvocation#ID_METADATA}.
	 * @param id the entry's id
	 * @param request the call; it runs as an async call
	 * @param dueAtMillis when to run it, epoch milliseconds
	 * @throws io.spawn.internal.state.StateStoreException when a durable scheduler cannot store it
	 */
	public void schedule(String id, InvocationRequest request, long dueAtMillis) {
		this.scheduler.schedule(new ScheduledInvocation(id,
				request.toBuilder().setAsync(true).clearScheduledTo().build(), dueAtMillis, 0));
	}

	/**
	 * Cancels a timer action of one actor.
	 * @param system the system
	 * @param actor the actor
	 * @param action the timer's action
	 * @return whether the timer was scheduled
	 */
	public boolean cancelTimer(String system, String actor, String action) {
		return this.registrations.cancelTimer(system, actor, action);
	}

	// ----------------------------------------------------------------------------------------------------------
	// Calls
	// ----------------------------------------------------------------------------------------------------------

	/**
	 * Runs a call and waits for its outcome. Never throws for a failed call: the outcome says what happened. When
	 * the actor is here and idle, its turn runs on the calling thread (see {@link #callLocal}).
	 * @param request the call
	 * @return the outcome
	 */
	public InvocationResult invoke(InvocationRequest request) {
		return this.dispatcher.submitAndRun(request).join();
	}

	/**
	 * Runs a call. The future always completes normally, with the outcome; for an async or delayed call it
	 * completes once the call is accepted.
	 * @param request the call
	 * @return the outcome
	 */
	public CompletableFuture<InvocationResult> invokeAsync(InvocationRequest request) {
		return this.dispatcher.submit(request, false);
	}

	/**
	 * Runs a call from a caller in this process that passes its command and takes its reply as objects: nothing is
	 * encoded unless the call leaves this process (another member owns the actor, it is delayed) or the state is
	 * persisted. The caller must not change the command afterwards, and must treat the reply as shared.
	 * @param request the call, without a value when {@code command} is given
	 * @param command the command as an object, or {@code null} for none or when the request carries it
	 * @return the outcome; its {@link InvocationResult#reply()} holds the reply when it stayed an object
	 */
	public CompletableFuture<InvocationResult> invokeLocal(InvocationRequest request, @Nullable LocalValue command) {
		return this.dispatcher.submitLocal(request, command);
	}

	/**
	 * As {@link #invokeLocal}, for a caller that blocks until the outcome: when the actor is active or activates
	 * here and its mailbox is idle, the turn runs on the caller's thread, sparing the hand-off to the actor's thread
	 * and back. An action that hangs then holds its caller's thread until it returns, past the call's deadline.
	 * @param request the call, without a value when {@code command} is given
	 * @param command the command as an object, or {@code null}
	 * @return the outcome
	 */
	public InvocationResult callLocal(InvocationRequest request, @Nullable LocalValue command) {
		return this.dispatcher.submitLocalAndRun(request, command).join();
	}

	/**
	 * Names the other actor systems this runtime calls into: a call to one of them that is not registered here goes
	 * to one of its members.
	 * @param systems the other systems
	 */
	public void connectSystems(RemoteSystems systems) {
		this.dispatcher.connect(systems);
	}

	/**
	 * Runs a call another member forwarded to this one.
	 * @param call the call and what travels with it
	 * @return the outcome
	 */
	public CompletableFuture<InvocationResult> invokeForwarded(ForwardedCall call) {
		return this.dispatcher.submitForwarded(call);
	}

	/**
	 * Delivers another member's broadcast to the subscribed unnamed instances active here.
	 * @param system the system
	 * @param broadcast the broadcast
	 * @param caller the actor that broadcast
	 * @param metadata the metadata that travels with it
	 */
	public void deliverBroadcast(String system, Broadcast broadcast, ActorId caller, Map<String, String> metadata) {
		this.workflows.deliverToActiveInstances(system, broadcast, caller, metadata);
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
		return this.dispatcher.submit(request, true);
	}

	/**
	 * Deletes an actor's stored state (its snapshot and every kept revision) as a turn of its mailbox, placed like
	 * any call: an actor active here is dropped from memory after the deletion, and its next call activates it
	 * from the initial state, running its init action again. Refused while another live member holds the actor's
	 * lease (a member of a cluster sends the deletion to that member, as it would a call).
	 * @param system the system
	 * @param actor the actor's name
	 * @return the outcome: OK whether or not a state was stored; {@link InvocationStatus#ACTOR_NOT_FOUND} for an
	 * unknown system or actor, {@link InvocationStatus#INVALID_REQUEST} for an actor that keeps no state
	 */
	public CompletableFuture<InvocationResult> deleteState(String system, String actor) {
		InvocationRequest request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(system))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(system).setName(actor)))
			.setActionName(ActionNames.DELETE_STATE)
			.setNoop(Noop.getDefaultInstance())
			.build();
		return this.dispatcher.submitDelete(request);
	}

	/**
	 * Restores a kept revision of an actor's state as a turn of its mailbox, placed like any call (a member of a
	 * cluster sends it to the member holding the actor's lease): the revision becomes the latest one, written as a
	 * new revision under the actor's lease, and the actor goes on from it. The host is not called.
	 * @param system the system
	 * @param actor the actor's name
	 * @param revision the kept revision to restore
	 * @return the outcome, whose payload is the restored state; {@link InvocationStatus#ACTOR_NOT_FOUND} for an
	 * unknown actor or a revision not kept, {@link InvocationStatus#INVALID_REQUEST} for an actor that keeps no
	 * state
	 */
	public CompletableFuture<InvocationResult> restoreState(String system, String actor, long revision) {
		InvocationRequest request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(system))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(system).setName(actor)))
			.setActionName(ActionNames.RESTORE_STATE)
			.putMetadata(ActionNames.RESTORE_REVISION, Long.toString(revision))
			.setNoop(Noop.getDefaultInstance())
			.build();
		return this.dispatcher.submitRestore(request);
	}

	// ----------------------------------------------------------------------------------------------------------
	// Cluster
	// ----------------------------------------------------------------------------------------------------------

	/**
	 * Calls back after every registration of an actor system (at once when one is registered already).
	 * @param listener receives the system's name
	 */
	public void onRegistered(java.util.function.Consumer<String> listener) {
		this.registrations.onRegistered(listener);
	}

	/**
	 * Hands over the actors this member no longer owns after a membership change: each is flushed, gives back
	 * its lease and leaves memory, and its next call activates it on its owner.
	 * @return how many actors were asked to hand over
	 */
	public int handOverUnowned() {
		ActorPlacement placement = this.dispatcher.placement();
		if (!placement.clustered()) {
			return 0;
		}
		return this.directory.passivateWhere((activation) -> placement.place(activation.key) instanceof Placement.Remote);
	}

	/**
	 * Which member runs an actor in this member's view.
	 * @param system the system
	 * @param actor the actor's name
	 * @return the owner's node id
	 */
	public String ownerOf(String system, String actor) {
		ActorPlacement placement = this.dispatcher.placement();
		Placement placed = placement.place(new ActorKey(system, actor));
		return (placed instanceof Placement.Remote remote) ? remote.node() : placement.localNode();
	}

	// ----------------------------------------------------------------------------------------------------------
	// Introspection and shutdown
	// ----------------------------------------------------------------------------------------------------------

	/**
	 * Number of activated actors.
	 * @return the count
	 */
	public int activeActors() {
		return this.directory.activeActors();
	}

	/**
	 * Whether an actor is activated now.
	 * @param system the system
	 * @param actor the actor's name
	 * @return whether it is in memory
	 */
	public boolean isActive(String system, String actor) {
		return this.directory.isActive(new ActorKey(system, actor));
	}

	/**
	 * Calls queued in every mailbox and pool.
	 * @return the count
	 */
	public int queuedCalls() {
		return this.directory.queuedCalls();
	}

	public boolean isDraining() {
		return this.dispatcher.draining();
	}

	/**
	 * Shuts down gracefully: refuses new calls (a member of a cluster forwards them to the other members instead),
	 * lets queued calls finish, persists every changed state and passivates every actor, then stops the
	 * scheduler.
	 * @param timeout how long to wait for queued calls and flushes
	 * @return whether every actor passivated in time (false means some state could not be flushed)
	 */
	public boolean shutdown(Duration timeout) {
		this.dispatcher.startDraining();
		long deadline = System.nanoTime() + timeout.toNanos();
		this.directory.passivateWhere((activation) -> true);
		boolean clean;
		try {
			clean = this.directory.awaitEmpty(deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			clean = false;
		}
		if (!clean) {
			this.directory.logUnpassivated();
		}
		this.scheduler.stop();
		this.shutDown = true;
		return clean;
	}

	/** Shuts down unless {@link #shutdown} already ran (a lifecycle drained the runtime before its bean closes). */
	@Override
	public void close() {
		if (!this.shutDown) {
			shutdown(this.settings.defaultCallTimeout());
		}
	}

}
