package io.spawn.internal.runtime;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.actors.ActorId;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One message in a mailbox: a call (with its reply future when someone waits for it) or a system message the
 * runtime sends an actor to itself (snapshot, passivate).
 */
final class Envelope {

	/** Persist the state if it changed (write-behind). */
	static final Envelope SNAPSHOT = new Envelope(Type.SNAPSHOT);

	/** Passivate if still idle. */
	static final Envelope PASSIVATE_IF_IDLE = new Envelope(Type.PASSIVATE_IF_IDLE);

	/** Passivate now (eviction, shutdown). */
	static final Envelope PASSIVATE = new Envelope(Type.PASSIVATE);

	final Type type;

	final @Nullable InvocationRequest request;

	/** The call's target: its system and name resolved. */
	final @Nullable ActorId target;

	/** Completed with the outcome when a caller waits, else null. */
	final @Nullable CompletableFuture<InvocationResult> reply;

	/** Epoch millis after which the call is not run; {@link Long#MAX_VALUE} for none. */
	final long deadlineMillis;

	/** The call's own timeout in milliseconds, for messages; 0 when it has none. */
	final long timeoutMillis;

	final long acceptedNanos;

	/** A synchronous caller that waits for this call while in its own turn, for re-entrance checks. */
	final @Nullable ActorKey waitingCaller;

	volatile RuntimeClock.@Nullable Cancellable deadlineTimer;

	private Envelope(Type type) {
		this.type = type;
		this.request = null;
		this.target = null;
		this.reply = null;
		this.deadlineMillis = Long.MAX_VALUE;
		this.timeoutMillis = 0;
		this.acceptedNanos = 0;
		this.waitingCaller = null;
	}

	Envelope(Type type, InvocationRequest request, ActorId target,
			@Nullable CompletableFuture<InvocationResult> reply, long deadlineMillis, long timeoutMillis,
			@Nullable ActorKey waitingCaller) {
		this.type = type;
		this.request = request;
		this.target = target;
		this.reply = reply;
		this.deadlineMillis = deadlineMillis;
		this.timeoutMillis = timeoutMillis;
		this.acceptedNanos = System.nanoTime();
		this.waitingCaller = waitingCaller;
	}

	boolean isSystem() {
		return this.type == Type.SNAPSHOT || this.type == Type.PASSIVATE || this.type == Type.PASSIVATE_IF_IDLE;
	}

	InvocationRequest request() {
		InvocationRequest request = this.request;
		if (request == null) {
			throw new IllegalStateException("system message " + this.type + " carries no request");
		}
		return request;
	}

	ActorId target() {
		ActorId target = this.target;
		if (target == null) {
			throw new IllegalStateException("system message " + this.type + " has no target");
		}
		return target;
	}

	/**
	 * Whether nobody needs this call to run any more: its caller stopped waiting, or its deadline passed.
	 */
	boolean abandoned(long nowMillis) {
		return (this.reply != null && this.reply.isDone()) || nowMillis > this.deadlineMillis;
	}

	enum Type {

		/** A call of an action. */
		CALL,

		/** A read of the state that never reaches the host (the read-state route). */
		READ_STATE,

		SNAPSHOT, PASSIVATE_IF_IDLE, PASSIVATE

	}

}
