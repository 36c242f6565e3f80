package io.spawn.internal.runtime;

import com.google.protobuf.Any;
import io.spawn.internal.host.LocalValue;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.actors.ActorId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One message in a mailbox: a {@link Call} of an action (with its reply future when someone waits for it), or a
 * {@link SystemMessage} the runtime sends an actor about itself.
 */
sealed interface Envelope permits Envelope.Call, Envelope.SystemMessage {

	/** What the runtime tells an actor about itself. */
	enum SystemMessage implements Envelope {

		/** Persist the state if it changed (write-behind). */
		SNAPSHOT,

		/** Passivate if still idle. */
		PASSIVATE_IF_IDLE,

		/** Passivate now (eviction, shutdown, handover). */
		PASSIVATE

	}

	/** A call of an action, a read of the state, or a deletion of the state. */
	final class Call implements Envelope {

		final boolean readState;

		/** Whether it deletes the stored state instead of calling the host; the activation is dropped after it. */
		final boolean deleteState;

		/** The request; its value is unset when {@link #command} carries the command as an object. */
		final InvocationRequest request;

		/** The command as an object, from a caller in this process; null when the request carries it. */
		final @Nullable LocalValue command;

		/** Whether the caller takes the reply as an object ({@link InvocationResult#reply()}). */
		final boolean objectReply;

		/** The call's target: its system and name resolved (and its template, for an unnamed instance). */
		final ActorId target;

		/** Completed with the outcome when a caller waits, else null. */
		final @Nullable CompletableFuture<InvocationResult> reply;

		/** Epoch millis after which the call is not run; {@link Long#MAX_VALUE} for none. */
		final long deadlineMillis;

		/** The call's own timeout in milliseconds, for messages; 0 when it has none. */
		final long timeoutMillis;

		final long acceptedNanos;

		/**
		 * Actors that wait synchronously for this call further up its chain, nearest last: a call from inside one
		 * of their turns back into one of them could only time out.
		 */
		final List<ActorKey> callerChain;

		/** How many members forwarded this call before it arrived here. */
		final int hops;

		volatile RuntimeClock.@Nullable Cancellable deadlineTimer;

		/** When this call first waited for another member's lease, or 0. */
		long leaseWaitStartedMillis;

		Call(boolean readState, boolean deleteState, InvocationRequest request, ActorId target,
				@Nullable CompletableFuture<InvocationResult> reply, long deadlineMillis, long timeoutMillis,
				List<ActorKey> callerChain, int hops, @Nullable LocalValue command, boolean objectReply) {
			this.readState = readState;
			this.deleteState = deleteState;
			this.request = request;
			this.command = command;
			this.objectReply = objectReply;
			this.target = target;
			this.reply = reply;
			this.deadlineMillis = deadlineMillis;
			this.timeoutMillis = timeoutMillis;
			this.acceptedNanos = System.nanoTime();
			this.callerChain = callerChain;
			this.hops = hops;
		}

		/**
		 * The request with its command in bytes, for whatever leaves this process or outlives the call.
		 * @return the request
		 */
		InvocationRequest encodedRequest() {
			return withCommand(this.request, this.command);
		}

		static InvocationRequest withCommand(InvocationRequest request, @Nullable LocalValue command) {
			return (command != null) ? request.toBuilder().setValue(command.encoded()).build() : request;
		}

		/**
		 * The command in bytes, or null for none.
		 * @return the command
		 */
		@Nullable Any encodedCommand() {
			if (this.command != null) {
				return this.command.encoded();
			}
			return this.request.hasValue() ? this.request.getValue() : null;
		}

		boolean async() {
			return this.reply == null;
		}

		/**
		 * Whether nobody needs this call to run any more: its caller stopped waiting, or its deadline passed.
		 */
		boolean abandoned(long nowMillis) {
			return (this.reply != null && this.reply.isDone()) || nowMillis > this.deadlineMillis;
		}

	}

}
