package io.spawn.internal.runtime;

import io.spawn.internal.host.ObjectHost;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorState;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A POOLED actor: stateless workers sharing one {@link Mailbox}, running calls concurrently up to the pool's
 * maximum. A worker is a virtual thread that lives while the mailbox has work, so an idle pool holds no thread.
 */
final class ActorPool {

	final ActorId id;

	final ActorSystemRegistry system;

	private final TurnContext context;

	private final Mailbox mailbox = new Mailbox();

	private final AtomicInteger workers = new AtomicInteger();

	ActorPool(TurnContext context, ActorSystemRegistry system, ActorId id) {
		this.context = context;
		this.system = system;
		this.id = id;
	}

	Mailbox.Offer offer(Envelope.Call call, int capacity) {
		Mailbox.Offer offer = this.mailbox.offer(call, capacity);
		if (offer.taken()) {
			this.context.directory().poolWorkAdded();
			tryAddWorker();
		}
		return offer;
	}

	/** Calls waiting for a worker. */
	int queued() {
		return Math.max(0, this.mailbox.pending() - this.workers.get());
	}

	private int maxWorkers() {
		ActorDefinition definition = this.system.definition(this.id.getName());
		return (definition != null) ? definition.maxPoolSize : 1;
	}

	private void tryAddWorker() {
		int max = maxWorkers();
		while (true) {
			int current = this.workers.get();
			if (current >= max) {
				return;
			}
			if (this.workers.compareAndSet(current, current + 1)) {
				this.context.startVirtual(this::work);
				return;
			}
		}
	}

	private void work() {
		while (true) {
			Envelope envelope = this.mailbox.poll();
			if (envelope == null) {
				this.workers.decrementAndGet();
				// A call may have arrived after the poll and seen every worker busy: take it over.
				if (!reacquire()) {
					return;
				}
				continue;
			}
			try {
				call((Envelope.Call) envelope);
			}
			catch (Throwable ex) {
				this.context.completion().turnFailed(this.id, envelope, ex);
			}
			finally {
				this.mailbox.finished();
				this.context.directory().poolWorkDone();
			}
		}
	}

	private boolean reacquire() {
		int current = this.workers.get();
		// Calls still counted but not taken by a worker are waiting in the queue.
		if (this.mailbox.pending() <= current) {
			return false;
		}
		return current < maxWorkers() && this.workers.compareAndSet(current, current + 1);
	}

	private void call(Envelope.Call call) {
		Completion completion = this.context.completion();
		if (call.abandoned(this.context.clock().millis())) {
			completion.expired(call);
			return;
		}
		ActorDefinition definition = this.system.definition(this.id.getName());
		try {
			if (definition == null) {
				throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
						"no actor '" + this.id.getName() + "' in system '" + this.id.getSystem() + "'");
			}
			if (call.deleteState) {
				throw notStateful(this.id.getName());
			}
			String action = call.request.getActionName();
			if (call.readState || (!definition.declares(action) && ActionNames.GET.contains(action))) {
				completion.reply(call, this.id, null);
				return;
			}
			if (!definition.declares(action)) {
				throw new SpawnException(InvocationStatus.ACTION_NOT_FOUND,
						"action '" + action + "' not found on actor '" + this.id.getName() + "'");
			}
			ObjectHost.HostReply reply = this.context.host()
				.call(this.id, action, ActorState.getDefaultInstance(), null, call.request, call.command,
						call.objectReply, call.deadlineMillis, call.timeoutMillis);
			this.context.workflows().completeTurn(this.id, call, reply.response(), reply.reply());
		}
		catch (SpawnException ex) {
			completion.fail(call, ex);
		}
	}

	static SpawnException notStateful(String actor) {
		return new SpawnException(InvocationStatus.INVALID_REQUEST, "actor '" + actor
				+ "' is not stateful: it keeps no stored state to delete");
	}

}
