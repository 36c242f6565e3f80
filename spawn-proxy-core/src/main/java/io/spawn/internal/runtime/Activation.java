package io.spawn.internal.runtime;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.LeaseUnavailableException;
import io.spawn.internal.state.StaleRevisionException;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.state.StoredState;
import io.spawn.internal.host.LocalValue;
import io.spawn.internal.host.ObjectHost;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * One activated actor: its {@link Mailbox} and, while active, its state. Messages run one at a time in arrival
 * order on a virtual thread that exists only while the mailbox has work, so an idle actor holds no thread and no
 * lock. Passivation closes the mailbox; callers that find it closed are placed again once {@link #terminated()}
 * completes, so no message is lost to a passivating actor.
 *
 * <p>
 * Fields without {@code volatile} belong to the turn: only the draining thread touches them, and the mailbox's
 * counter orders one drain's writes before the next drain's reads.
 */
final class Activation implements Runnable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(Activation.class));

	final ActorKey key;

	final ActorId id;

	final ActorSystemRegistry system;

	/** The definition this actor runs: its own name, or its template's for an unnamed instance. */
	final String definitionName;

	private final TurnContext context;

	private final Mailbox mailbox = new Mailbox();

	volatile long lastActivity;

	/** While a turn runs: the actors waiting for its call, for re-entrance checks of the calls it makes. */
	volatile List<ActorKey> turnChain = List.of();

	volatile boolean inTurn;

	/** At most one passivation message is in the mailbox at a time: two would re-queue each other for ever. */
	private final java.util.concurrent.atomic.AtomicBoolean passivationQueued = new java.util.concurrent.atomic.AtomicBoolean();

	/** Whether the queued passivation must happen even if calls arrived since it was asked for (eviction, handover, shutdown). */
	private volatile boolean forced;

	private volatile @Nullable CompletableFuture<Void> terminated;

	private boolean loaded;

	private boolean stale;

	private final CurrentState state = new CurrentState();

	private long revision;

	private boolean dirty;

	private boolean snapshotScheduled;

	private final ActorLease lease;

	Activation(TurnContext context, ActorSystemRegistry system, ActorId id, String definitionName, long now) {
		this.context = context;
		this.system = system;
		this.id = id;
		this.key = ActorKey.of(id);
		this.definitionName = definitionName;
		this.lastActivity = now;
		this.lease = new ActorLease(this.key, context.store(), context.clock());
	}

	/**
	 * Adds a message to the mailbox, starting a drain when it was empty.
	 * @param envelope the message
	 * @param capacity queued messages beyond which the offer is refused; {@code Integer.MAX_VALUE} for system
	 * messages
	 * @return the outcome
	 */
	Mailbox.Offer offer(Envelope envelope, int capacity) {
		Mailbox.Offer offer = this.mailbox.offer(envelope, capacity);
		if (offer == Mailbox.Offer.START) {
			this.context.startVirtual(this);
		}
		return offer;
	}

	/**
	 * Adds a call whose caller waits for it on this thread; when the mailbox was idle, the caller runs the turn
	 * itself instead of handing it to a new virtual thread and waiting for the hand-back ({@link #runAsCaller}).
	 * @return the outcome; {@link Mailbox.Offer#START} when the caller must now call {@link #runAsCaller}
	 */
	Mailbox.Offer offerToRunAsCaller(Envelope.Call call, int capacity) {
		return this.mailbox.offer(call, capacity);
	}

	/**
	 * Runs the caller's call, the first in the idle mailbox, on the caller's thread, then hands whatever arrived
	 * meanwhile to a virtual thread.
	 * @param own the caller's call, queued by {@link #offerToRunAsCaller}
	 */
	void runAsCaller(Envelope.Call own) {
		drain(own);
	}

	int pending() {
		return this.mailbox.pending();
	}

	boolean closed() {
		return this.mailbox.closed();
	}

	/**
	 * Completes when this activation has passivated; only meaningful after an offer returned
	 * {@link Mailbox.Offer#CLOSED}.
	 */
	CompletableFuture<Void> terminated() {
		CompletableFuture<Void> future = this.terminated;
		return (future != null) ? future : CompletableFuture.completedFuture(null);
	}

	@Override
	public void run() {
		drain(null);
	}

	private void drain(Envelope.@Nullable Call own) {
		while (true) {
			Envelope envelope = this.mailbox.poll();
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
				this.context.completion().turnFailed(this.id, envelope, ex);
			}
			finally {
				this.inTurn = false;
				this.turnChain = List.of();
			}
			if (close) {
				this.terminated = new CompletableFuture<>();
				if (this.mailbox.close()) {
					closeNow();
					return;
				}
				this.terminated = null;
				// Something arrived during the passivation turn (often just a snapshot timer): ask again behind it,
				// instead of waiting a whole idle timeout. A passivate-if-idle turn still sees real calls as activity.
				if (!requestPassivation(this.forced ? Envelope.SystemMessage.PASSIVATE
						: Envelope.SystemMessage.PASSIVATE_IF_IDLE)) {
					scheduleIdleCheck();
				}
			}
			if (this.mailbox.finished()) {
				return;
			}
			if (own != null) {
				// The caller's call was the first in the idle mailbox and has had its turn: what arrived since is
				// the actor's own work, on its own thread.
				this.context.startVirtual(this);
				return;
			}
		}
	}

	private void closeNow() {
		try {
			// Before anyone can activate the actor again: a late release would drop the new activation's lease.
			this.lease.release();
		}
		catch (RuntimeException ex) {
			logger.warn(ex, () -> "Lease of '" + this.key + "' not released; it expires by itself");
		}
		finally {
			this.context.directory().passivated(this);
			CompletableFuture<Void> done = this.terminated;
			if (done != null) {
				done.complete(null);
			}
		}
	}

	private boolean turn(Envelope envelope) {
		ActorDefinition definition = this.system.definition(this.definitionName);
		return switch (envelope) {
			case Envelope.SystemMessage message -> systemTurn(message, definition);
			case Envelope.Call call -> {
				this.lastActivity = this.context.clock().millis();
				call(call, definition);
				yield false;
			}
		};
	}

	private boolean systemTurn(Envelope.SystemMessage message, @Nullable ActorDefinition definition) {
		switch (message) {
			case SNAPSHOT -> {
				this.snapshotScheduled = false;
				if (definition != null && definition.stateful && this.dirty && !this.stale) {
					tryPersist();
				}
				return false;
			}
			case PASSIVATE_IF_IDLE, PASSIVATE -> {
				this.passivationQueued.set(false);
				long idleFor = this.context.clock().millis() - this.lastActivity;
				if (!this.forced && definition != null && idleFor < definition.idleTimeoutMillis) {
					scheduleIdleCheck();
					return false;
				}
				return passivateNow(definition);
			}
		}
		return false;
	}

	private void call(Envelope.Call call, @Nullable ActorDefinition definition) {
		Completion completion = this.context.completion();
		if (call.abandoned(this.context.clock().millis())) {
			completion.expired(call);
			return;
		}
		if (definition == null) {
			completion.fail(call, new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
					"no actor '" + this.key.name() + "' in system '" + this.key.system() + "'"));
			return;
		}
		if (call.deleteState) {
			deleteState(call, definition);
			return;
		}
		if (ActionNames.RESTORE_STATE.equals(call.request.getActionName())) {
			restoreState(call, definition);
			return;
		}
		try {
			if (this.lease.elsewhere() == null) {
				if (!this.loaded || this.stale) {
					activate(definition);
				}
				else if (this.lease.mayHaveLapsed()) {
					revalidate();
				}
			}
			if (followedLease(call, definition)) {
				return;
			}
			InvocationRequest request = call.request;
			String action = request.getActionName();
			if (call.readState || (!definition.declares(action) && ActionNames.GET.contains(action))) {
				replyWithState(call);
				return;
			}
			if (!definition.declares(action)) {
				throw new SpawnException(InvocationStatus.ACTION_NOT_FOUND,
						"action '" + action + "' not found on actor '" + this.key.name() + "'");
			}
			this.turnChain = call.callerChain;
			ObjectHost.HostReply reply = this.context.host().call(this.id, action, this.state.lastBytes(),
					this.state.object(), request, call.command, call.objectReply, call.deadlineMillis,
					call.timeoutMillis);
			// Idle time counts from the end of the last call; set before the reply lets the caller go on.
			this.lastActivity = this.context.clock().millis();
			apply(definition, reply);
			this.context.workflows().completeTurn(this.id, call, reply.response(), reply.reply());
		}
		catch (SpawnException ex) {
			completion.fail(call, ex);
		}
	}

	/**
	 * Deletes the stored state without activating the actor (nothing runs its init action for a state about to
	 * go), then drops this activation: the calls queued behind the deletion activate afresh from the initial
	 * state, and the activation passivates after them. The store refuses while another node holds the lease, and
	 * the deletion then takes the path of a call that met that lease.
	 */
	private void deleteState(Envelope.Call call, ActorDefinition definition) {
		Completion completion = this.context.completion();
		if (!definition.stateful) {
			completion.fail(call, ActorPool.notStateful(this.key.name()));
			return;
		}
		if (this.lease.elsewhere() == null) {
			try {
				this.context.store().delete(this.key);
			}
			catch (LeaseUnavailableException ex) {
				// Whatever this node held is no longer its own: drop it, as a lapsed lease does.
				leaseLost(ex);
			}
			catch (StateStoreException ex) {
				completion.fail(call, new SpawnException(InvocationStatus.UNAVAILABLE,
						"state of actor '" + this.key.name() + "' not deleted: " + ex.getMessage(), ex));
				return;
			}
		}
		if (followedLease(call, definition)) {
			return;
		}
		if (!this.id.getParent().isEmpty()) {
			// A revision asked for at spawn is gone with the rest of the history.
			this.system.takeRestoreRevision(this.key.name());
		}
		this.state.reset(ActorState.getDefaultInstance());
		this.revision = 0;
		this.dirty = false;
		this.loaded = false;
		this.stale = false;
		this.lastActivity = this.context.clock().millis();
		requestPassivation(Envelope.SystemMessage.PASSIVATE);
		completion.reply(call, this.id, null);
	}

	/**
	 * Makes a kept revision the actor's state again, as a turn: the actor is activated here under its lease (or
	 * the turn follows the lease to its holder), the revision is read and written as a new revision, fenced by
	 * revision and lease like any write, and the state in memory is replaced. The host is not called.
	 */
	private void restoreState(Envelope.Call call, ActorDefinition definition) {
		Completion completion = this.context.completion();
		if (!definition.stateful) {
			completion.fail(call, ActorPool.notStateful(this.key.name()));
			return;
		}
		long wanted;
		try {
			wanted = Long.parseLong(call.request.getMetadataOrDefault(ActionNames.RESTORE_REVISION, ""));
		}
		catch (NumberFormatException ex) {
			completion.fail(call, new SpawnException(InvocationStatus.INVALID_REQUEST,
					"a restore needs the revision in metadata '" + ActionNames.RESTORE_REVISION + "'"));
			return;
		}
		try {
			if (this.lease.elsewhere() == null) {
				if (!this.loaded || this.stale) {
					activate(definition);
				}
				else if (this.lease.mayHaveLapsed()) {
					revalidate();
				}
			}
			if (followedLease(call, definition)) {
				return;
			}
			StoredState restored = this.context.store().load(this.key, wanted).orElse(null);
			if (restored == null) {
				throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
						"revision " + wanted + " of actor '" + this.key.name() + "' is not kept");
			}
			this.state.reset(restored.state());
			persist();
			this.lastActivity = this.context.clock().millis();
			replyWithState(call);
		}
		catch (StateStoreException ex) {
			completion.fail(call, storeFailure(ex));
		}
		catch (SpawnException ex) {
			completion.fail(call, ex);
		}
	}

	/**
	 * Another node holds the lease: nothing of this copy is the actor's any more. The activation passivates, and
	 * the calls queued behind follow the lease.
	 */
	private void leaseLost(LeaseUnavailableException holder) {
		this.lease.lost(holder);
		this.loaded = false;
		this.dirty = false;
		requestPassivation(Envelope.SystemMessage.PASSIVATE);
	}

	/** Sends a call to the node that holds the lease (or lets it wait for the release); false when it is ours. */
	private boolean followedLease(Envelope.Call call, ActorDefinition definition) {
		LeaseUnavailableException elsewhere = this.lease.elsewhere();
		if (elsewhere == null) {
			return false;
		}
		this.context.dispatcher()
			.leaseHeldElsewhere(call, new ActorResolver.Resolved(this.system, definition, this.id), elsewhere.owner(),
					elsewhere.expiresAtMillis(), elsewhere.getMessage());
		return true;
	}

	/**
	 * The lease may have lapsed (this node was paused or could not renew): take it again and keep the state in
	 * memory only if nobody committed since; otherwise start from what is stored.
	 */
	private void revalidate() {
		try {
			StoredState latest = this.lease.acquireAndLoad().orElse(null);
			long stored = (latest != null) ? latest.revision() : 0;
			if (stored != this.revision) {
				logger.warn(() -> "Actor '" + this.key + "' was committed elsewhere while this node's lease lapsed"
						+ " (revision " + this.revision + " here, " + stored + " stored); its copy here is dropped");
				this.state.reset((latest != null) ? latest.state() : ActorState.getDefaultInstance());
				this.revision = stored;
				this.dirty = false;
			}
		}
		catch (LeaseUnavailableException ex) {
			leaseLost(ex);
		}
		catch (StateStoreException ex) {
			throw storeFailure(ex);
		}
	}

	/**
	 * Takes the host's new state and tags, persisting them first when the actor or the reply asks for
	 * write-through. On a failed write the state stays as it was before the call.
	 */
	private void apply(ActorDefinition definition, ObjectHost.HostReply reply) {
		ActorInvocationResponse response = reply.response();
		CurrentState.Saved before = this.state.save();
		boolean wasDirty = this.dirty;
		if (!this.state.update(response, reply.state())) {
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
		this.dirty = true;
		if (!definition.stateful) {
			return;
		}
		if (response.getCheckpoint() || definition.writeThrough) {
			try {
				persist();
			}
			catch (StateStoreException ex) {
				this.state.restore(before);
				this.dirty = wasDirty;
				throw storeFailure(ex);
			}
			catch (SpawnException ex) {
				this.state.restore(before);
				this.dirty = wasDirty;
				throw ex;
			}
		}
		else {
			scheduleSnapshot(definition);
		}
	}

	private void activate(ActorDefinition definition) {
		String parent = this.id.getParent().isEmpty() ? null : this.id.getParent();
		Long restore = null;
		if (parent != null) {
			ActorSystemRegistry.Instance instance = this.system.instance(this.key.name());
			restore = (instance != null) ? instance.restoreRevision() : null;
		}
		this.state.reset(ActorState.getDefaultInstance());
		this.revision = 0;
		this.dirty = false;
		this.stale = false;
		if (definition.stateful) {
			try {
				StoredState latest;
				try {
					latest = this.lease.acquireAndLoad().orElse(null);
				}
				catch (LeaseUnavailableException ex) {
					leaseLost(ex);
					return;
				}
				this.revision = (latest != null) ? latest.revision() : 0;
				if (restore != null) {
					long wanted = restore;
					StoredState restored = this.context.store().load(this.key, wanted).orElse(null);
					if (restored == null) {
						// Forget the request, so that the next call activates the latest state instead of failing again.
						this.system.takeRestoreRevision(this.key.name());
						throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND, "revision " + wanted + " of actor '"
								+ this.key.name() + "' is not kept; the instance keeps its latest state");
					}
					this.state.reset(restored.state());
					this.dirty = restored.revision() != this.revision;
				}
				else if (latest != null) {
					this.state.reset(latest.state());
				}
			}
			catch (StateStoreException ex) {
				throw storeFailure(ex);
			}
		}
		if (definition.initAction != null) {
			InvocationRequest init = HostCalls.selfCall(this.id, definition.initAction);
			ObjectHost.HostReply response;
			try {
				response = this.context.host()
					.call(this.id, definition.initAction, this.state.lastBytes(), this.state.object(), init, null,
							false, Long.MAX_VALUE, 0);
			}
			catch (SpawnException ex) {
				throw new SpawnException(ex.status(), "init action '" + definition.initAction + "' of actor '"
						+ this.key.name() + "' failed: " + ex.getMessage(), ex);
			}
			if (this.state.update(response.response(), response.state())) {
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
		this.context.directory().activated(this);
	}

	/** Answers a call with the current state in bytes (a read of the state, a restore). */
	private void replyWithState(Envelope.Call call) {
		ActorState current;
		try {
			current = this.state.bytes();
		}
		catch (LocalValue.EncodingException ex) {
			throw new SpawnException(InvocationStatus.ACTION_FAILED,
					"state of actor '" + this.key.name() + "' cannot be read: " + ex.getMessage(), ex);
		}
		this.context.completion().reply(call, this.id, current.hasState() ? current.getState() : null);
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
		ActorState bytes;
		try {
			bytes = this.state.bytes();
		}
		catch (LocalValue.EncodingException ex) {
			throw new SpawnException(InvocationStatus.ACTION_FAILED,
					"state of actor '" + this.key.name() + "' cannot be stored: " + ex.getMessage(), ex);
		}
		this.revision = this.context.store().write(this.key, parent, bytes, this.revision);
		this.dirty = false;
		this.context.observer().snapshotWritten(this.key);
	}

	/** Write-behind: persists and reports failures instead of throwing. */
	private boolean tryPersist() {
		try {
			persist();
			return true;
		}
		catch (StateStoreException ex) {
			this.context.observer().snapshotFailed(this.key, ex);
			if (ex instanceof StaleRevisionException || ex instanceof LeaseUnavailableException) {
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
			this.context.observer().snapshotFailed(this.key, ex);
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
			this.context.clock()
				.schedule(Duration.ofMillis(definition.snapshotIntervalMillis),
						() -> offer(Envelope.SystemMessage.SNAPSHOT, Integer.MAX_VALUE));
		}
	}

	/** Starts the idle-passivation check; the directory calls it once, when it creates the activation. */
	void scheduleIdleCheck() {
		ActorDefinition definition = this.system.definition(this.definitionName);
		long timeout = (definition != null) ? definition.idleTimeoutMillis : 0;
		long idleFor = this.context.clock().millis() - this.lastActivity;
		this.context.clock().schedule(Duration.ofMillis(Math.max(1, timeout - idleFor)), this::checkIdle);
	}

	/** Runs on the clock's thread: asks for passivation once the actor has been idle long enough. */
	private void checkIdle() {
		if (closed()) {
			return;
		}
		ActorDefinition definition = this.system.definition(this.definitionName);
		long idleFor = this.context.clock().millis() - this.lastActivity;
		if (definition != null && idleFor < definition.idleTimeoutMillis) {
			scheduleIdleCheck();
			return;
		}
		// Queued behind any calls in progress; the passivation turn checks idleness again.
		if (!requestPassivation(Envelope.SystemMessage.PASSIVATE_IF_IDLE)) {
			scheduleIdleCheck();
		}
	}

	/**
	 * Asks the actor to passivate after the messages already queued.
	 * @param message {@link Envelope.SystemMessage#PASSIVATE_IF_IDLE} or {@link Envelope.SystemMessage#PASSIVATE}
	 * @return whether a request is now pending
	 */
	boolean requestPassivation(Envelope.SystemMessage message) {
		if (message == Envelope.SystemMessage.PASSIVATE) {
			this.forced = true;
		}
		if (!this.passivationQueued.compareAndSet(false, true)) {
			return true;
		}
		if (!offer(message, Integer.MAX_VALUE).taken()) {
			this.passivationQueued.set(false);
			return false;
		}
		return true;
	}

	boolean passivationRequested() {
		return this.passivationQueued.get();
	}

}
