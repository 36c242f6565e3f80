package io.spawn.internal.runtime;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.LeaseUnavailableException;
import io.spawn.internal.state.StaleRevisionException;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.state.StoredState;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * One activated actor: its mailbox and, while active, its state. Messages run one at a time in arrival order on
 * a virtual thread that exists only while the mailbox has work, so an idle actor holds no thread and no lock.
 *
 * <p>
 * {@code pending} counts messages offered and not yet finished. The producer that moves it from 0 starts the
 * drain; the drain stops when its own decrement brings it back to 0. Passivation moves it from 1 (the passivate
 * message itself) to {@link #CLOSED}, after which offers fail and callers retry on a fresh activation once
 * {@link #terminated()} completes, so no message is lost to a passivating actor.
 *
 * <p>
 * Fields without {@code volatile} belong to the turn: only the draining thread touches them, and the
 * {@code pending} handoff orders one drain's writes before the next drain's reads.
 */
final class Activation implements Runnable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(Activation.class));

	private static final VarHandle PENDING;

	static {
		try {
			PENDING = MethodHandles.lookup().findVarHandle(Activation.class, "pending", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	static final int CLOSED = Integer.MIN_VALUE;

	final ActorKey key;

	final ActorId id;

	final ActorSystemRegistry system;

	/** The definition this actor runs: its own name, or its template's for an unnamed instance. */
	final String definitionName;

	private final ActorRuntime runtime;

	private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();

	@SuppressWarnings("unused") // accessed through PENDING
	private volatile int pending;

	volatile long lastActivity;

	/** Set while a turn runs a call whose caller waits in its own turn: the link re-entrance checks follow. */
	volatile @Nullable ActorKey waitingCaller;

	volatile boolean inTurn;

	private volatile boolean passivationRequested;

	private volatile @Nullable CompletableFuture<Void> terminated;

	private boolean loaded;

	private boolean stale;

	private ActorState state = ActorState.getDefaultInstance();

	private long revision;

	private boolean dirty;

	private boolean snapshotScheduled;

	/** Whether this activation took the actor's lease, to give it back at passivation. */
	private boolean leased;

	Activation(ActorRuntime runtime, ActorSystemRegistry system, ActorId id, String definitionName, long now) {
		this.runtime = runtime;
		this.system = system;
		this.id = id;
		this.key = ActorKey.of(id);
		this.definitionName = definitionName;
		this.lastActivity = now;
	}

	/**
	 * Adds a message to the mailbox.
	 * @param envelope the message
	 * @param capacity queued messages beyond which the offer is refused; {@code Integer.MAX_VALUE} for system
	 * messages
	 * @return the outcome
	 */
	Offer offer(Envelope envelope, int capacity) {
		if ((int) PENDING.getVolatile(this) >= capacity) {
			return Offer.FULL;
		}
		this.queue.offer(envelope);
		int before = (int) PENDING.getAndAdd(this, 1);
		if (before < 0) {
			this.queue.remove(envelope);
			return Offer.CLOSED;
		}
		if (before == 0) {
			this.runtime.startDrain(this);
		}
		return Offer.ACCEPTED;
	}

	int pending() {
		return Math.max(0, (int) PENDING.getVolatile(this));
	}

	boolean closed() {
		return (int) PENDING.getVolatile(this) < 0;
	}

	/**
	 * Completes when this activation has passivated; only meaningful after an offer returned
	 * {@link Offer#CLOSED}.
	 */
	CompletableFuture<Void> terminated() {
		CompletableFuture<Void> future = this.terminated;
		return (future != null) ? future : CompletableFuture.completedFuture(null);
	}

	@Override
	public void run() {
		while (true) {
			Envelope envelope = this.queue.poll();
			if (envelope == null) {
				// An offer is between its enqueue and its count: it is about to be visible. Yield rather than
				// spin, so that a virtual thread never holds a carrier the producer needs.
				Thread.yield();
				continue;
			}
			boolean close = false;
			this.inTurn = true;
			try {
				close = turn(envelope);
			}
			catch (Throwable ex) {
				this.runtime.turnFailed(this.id, envelope, ex);
			}
			finally {
				this.inTurn = false;
				this.waitingCaller = null;
			}
			if (close) {
				this.terminated = new CompletableFuture<>();
				if (PENDING.compareAndSet(this, 1, CLOSED)) {
					this.runtime.passivated(this);
					return;
				}
				this.terminated = null;
				// Something arrived during the passivation turn (often just a snapshot timer): ask again behind it,
				// instead of waiting a whole idle timeout. A passivate-if-idle turn still sees real calls as activity.
				if (!requestPassivation(envelope)) {
					scheduleIdleCheck();
				}
			}
			if ((int) PENDING.getAndAdd(this, -1) == 1) {
				return;
			}
		}
	}

	private boolean turn(Envelope envelope) {
		ActorDefinition definition = this.system.definition(this.definitionName);
		switch (envelope.type) {
			case SNAPSHOT -> {
				this.snapshotScheduled = false;
				if (definition != null && definition.stateful && this.dirty && !this.stale) {
					tryPersist();
				}
				return false;
			}
			case PASSIVATE_IF_IDLE -> {
				this.passivationRequested = false;
				long idleFor = this.runtime.clock().millis() - this.lastActivity;
				if (definition != null && idleFor < definition.idleTimeoutMillis) {
					scheduleIdleCheck();
					return false;
				}
				return passivateNow(definition);
			}
			case PASSIVATE -> {
				this.passivationRequested = false;
				return passivateNow(definition);
			}
			default -> {
				this.lastActivity = this.runtime.clock().millis();
				call(envelope, definition);
				return false;
			}
		}
	}

	private void call(Envelope envelope, @Nullable ActorDefinition definition) {
		if (envelope.abandoned(this.runtime.clock().millis())) {
			this.runtime.expired(envelope);
			return;
		}
		if (definition == null) {
			this.runtime.fail(envelope, new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
					"no actor '" + this.key.name() + "' in system '" + this.key.system() + "'"));
			return;
		}
		try {
			if (!this.loaded || this.stale) {
				activate(definition);
			}
			InvocationRequest request = envelope.request();
			String action = request.getActionName();
			if (envelope.type == Envelope.Type.READ_STATE
					|| (!definition.declares(action) && ActionNames.GET.contains(action))) {
				this.runtime.reply(envelope, this.id, this.state.hasState() ? this.state.getState() : null);
				return;
			}
			if (!definition.declares(action)) {
				throw new SpawnException(InvocationStatus.ACTION_NOT_FOUND,
						"action '" + action + "' not found on actor '" + this.key.name() + "'");
			}
			this.waitingCaller = envelope.waitingCaller;
			ActorInvocationResponse response = this.runtime.callHost(this.id, action, this.state, request,
					envelope.deadlineMillis, envelope.timeoutMillis);
			// Idle time counts from the end of the last call; set before the reply lets the caller go on.
			this.lastActivity = this.runtime.clock().millis();
			apply(definition, response);
			this.runtime.completeTurn(this.id, envelope, response);
		}
		catch (SpawnException ex) {
			this.runtime.fail(envelope, ex);
		}
	}

	/**
	 * Takes the host's new state and tags, persisting them first when the actor or the reply asks for
	 * write-through. On a failed write the state stays as it was before the call.
	 */
	private void apply(ActorDefinition definition, ActorInvocationResponse response) {
		ActorState before = this.state;
		ActorState after = merge(before, response);
		boolean wasDirty = this.dirty;
		if (after.equals(before)) {
			if (definition.stateful && wasDirty && response.getCheckpoint()) {
				// A checkpoint commits what is pending even when this call changed nothing.
				try {
					persist();
				}
				catch (StateStoreException ex) {
					throw storeFailure(ex);
				}
			}
			return;
		}
		this.state = after;
		this.dirty = true;
		if (!definition.stateful) {
			return;
		}
		if (response.getCheckpoint() || definition.writeThrough) {
			try {
				persist();
			}
			catch (StateStoreException ex) {
				this.state = before;
				this.dirty = wasDirty;
				throw storeFailure(ex);
			}
		}
		else {
			scheduleSnapshot(definition);
		}
	}

	private static ActorState merge(ActorState current, ActorInvocationResponse response) {
		if (!response.hasUpdatedContext()) {
			return current;
		}
		Context updated = response.getUpdatedContext();
		if (!updated.hasState() && updated.getTagsCount() == 0) {
			return current;
		}
		ActorState.Builder merged = current.toBuilder();
		if (updated.hasState()) {
			merged.setState(updated.getState());
		}
		if (updated.getTagsCount() > 0) {
			merged.clearTags().putAllTags(updated.getTagsMap());
		}
		return merged.build();
	}

	private void activate(ActorDefinition definition) {
		String parent = this.id.getParent().isEmpty() ? null : this.id.getParent();
		Long restore = null;
		if (parent != null) {
			ActorSystemRegistry.Instance instance = this.system.instance(this.key.name());
			restore = (instance != null) ? instance.restoreRevision() : null;
		}
		this.state = ActorState.getDefaultInstance();
		this.revision = 0;
		this.dirty = false;
		this.stale = false;
		if (definition.stateful) {
			try {
				this.runtime.store().acquireLease(this.key);
				this.leased = true;
				StoredState latest = this.runtime.store().load(this.key).orElse(null);
				this.revision = (latest != null) ? latest.revision() : 0;
				if (restore != null) {
					long wanted = restore;
					StoredState restored = this.runtime.store().load(this.key, wanted).orElse(null);
					if (restored == null) {
						// Forget the request, so that the next call activates the latest state instead of failing again.
						this.system.takeRestoreRevision(this.key.name());
						throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND, "revision " + wanted + " of actor '"
								+ this.key.name() + "' is not kept; the instance keeps its latest state");
					}
					this.state = restored.state();
					this.dirty = restored.revision() != this.revision;
				}
				else if (latest != null) {
					this.state = latest.state();
				}
			}
			catch (StateStoreException ex) {
				throw storeFailure(ex);
			}
		}
		if (definition.initAction != null) {
			InvocationRequest init = this.runtime.selfCall(this.id, definition.initAction);
			ActorInvocationResponse response;
			try {
				response = this.runtime.callHost(this.id, definition.initAction, this.state, init, Long.MAX_VALUE,
						0);
			}
			catch (SpawnException ex) {
				throw new SpawnException(ex.status(), "init action '" + definition.initAction + "' of actor '"
						+ this.key.name() + "' failed: " + ex.getMessage(), ex);
			}
			ActorState initialized = merge(this.state, response);
			if (!initialized.equals(this.state)) {
				this.state = initialized;
				this.dirty = true;
			}
		}
		if (restore != null) {
			this.system.takeRestoreRevision(this.key.name());
		}
		if (this.dirty && definition.stateful) {
			scheduleSnapshot(definition);
		}
		this.loaded = true;
		this.runtime.activated(this);
	}

	private SpawnException storeFailure(StateStoreException ex) {
		if (ex instanceof LeaseUnavailableException) {
			return new SpawnException(InvocationStatus.UNAVAILABLE, ex.getMessage(), ex);
		}
		if (ex instanceof StaleRevisionException) {
			this.stale = true;
			this.dirty = false;
			return new SpawnException(InvocationStatus.STATE_CONFLICT, ex.getMessage()
					+ "; this copy of the actor was discarded and the next call reloads it", ex);
		}
		return new SpawnException(InvocationStatus.UNAVAILABLE, "state store unavailable: " + ex.getMessage(), ex);
	}

	private void persist() {
		String parent = this.id.getParent().isEmpty() ? null : this.id.getParent();
		this.revision = this.runtime.store().write(this.key, parent, this.state, this.revision);
		this.dirty = false;
		this.runtime.observer().snapshotWritten(this.key);
	}

	/** Write-behind: persists and reports failures instead of throwing. */
	private boolean tryPersist() {
		try {
			persist();
			return true;
		}
		catch (StateStoreException ex) {
			this.runtime.observer().snapshotFailed(this.key, ex);
			if (ex instanceof StaleRevisionException) {
				this.stale = true;
				this.dirty = false;
				logger.warn(() -> "Discarding stale activation: " + ex.getMessage());
				return true;
			}
			logger.warn(ex, () -> "Snapshot of actor '" + this.key + "' failed; will retry");
			ActorDefinition definition = this.system.definition(this.definitionName);
			if (definition != null) {
				scheduleSnapshot(definition);
			}
			return false;
		}
		catch (RuntimeException ex) {
			this.runtime.observer().snapshotFailed(this.key, ex);
			logger.error(ex, () -> "Snapshot of actor '" + this.key + "' failed; will retry");
			return false;
		}
	}

	/** Flushes a changed state; when that fails the actor stays active and tries again later. */
	private boolean passivateNow(@Nullable ActorDefinition definition) {
		if (this.loaded && this.dirty && !this.stale && definition != null && definition.stateful
				&& !tryPersist()) {
			scheduleIdleCheck();
			return false;
		}
		return true;
	}

	private void scheduleSnapshot(ActorDefinition definition) {
		if (!this.snapshotScheduled) {
			this.snapshotScheduled = true;
			this.runtime.clock()
				.schedule(Duration.ofMillis(definition.snapshotIntervalMillis),
						() -> offer(Envelope.SNAPSHOT, Integer.MAX_VALUE));
		}
	}

	/** Starts the idle-passivation check; the runtime calls it once, when it creates the activation. */
	void scheduleIdleCheck() {
		ActorDefinition definition = this.system.definition(this.definitionName);
		long timeout = (definition != null) ? definition.idleTimeoutMillis : 0;
		long idleFor = this.runtime.clock().millis() - this.lastActivity;
		this.runtime.clock().schedule(Duration.ofMillis(Math.max(1, timeout - idleFor)), this::checkIdle);
	}

	/** Runs on the clock's thread: asks for passivation once the actor has been idle long enough. */
	private void checkIdle() {
		if (closed()) {
			return;
		}
		ActorDefinition definition = this.system.definition(this.definitionName);
		long idleFor = this.runtime.clock().millis() - this.lastActivity;
		if (definition != null && idleFor < definition.idleTimeoutMillis) {
			scheduleIdleCheck();
			return;
		}
		// Queued behind any calls in progress; the passivation turn checks idleness again.
		if (!requestPassivation(Envelope.PASSIVATE_IF_IDLE)) {
			scheduleIdleCheck();
		}
	}

	/**
	 * Asks the actor to passivate after the messages already queued.
	 * @param message {@link Envelope#PASSIVATE_IF_IDLE} or {@link Envelope#PASSIVATE}
	 * @return whether a request is now pending
	 */
	boolean requestPassivation(Envelope message) {
		if (this.passivationRequested && message == Envelope.PASSIVATE_IF_IDLE) {
			return true;
		}
		this.passivationRequested = true;
		if (offer(message, Integer.MAX_VALUE) != Offer.ACCEPTED) {
			this.passivationRequested = false;
			return false;
		}
		return true;
	}

	/** Gives back the actor's lease after passivation; called once the activation is closed. */
	void releaseLease() {
		if (this.leased) {
			this.leased = false;
			this.runtime.store().releaseLease(this.key);
		}
	}

	boolean passivationRequested() {
		return this.passivationRequested;
	}

	/** Outcome of {@link #offer}. */
	enum Offer {

		ACCEPTED, FULL, CLOSED

	}

}
