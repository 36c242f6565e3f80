package io.spawn.internal.runtime;

import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorState;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A POOLED actor: stateless workers sharing one queue, running calls concurrently up to the pool's maximum. A
 * worker is a virtual thread that lives while the queue has work, so an idle pool holds no thread.
 */
final class ActorPool {

	final ActorId id;

	final ActorSystemRegistry system;

	private final ActorRuntime runtime;

	private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicInteger workers = new AtomicInteger();

	ActorPool(ActorRuntime runtime, ActorSystemRegistry system, ActorId id) {
		this.runtime = runtime;
		this.system = system;
		this.id = id;
	}

	Activation.Offer offer(Envelope envelope, int capacity) {
		if (this.queued.get() >= capacity) {
			return Activation.Offer.FULL;
		}
		this.queue.offer(envelope);
		this.queued.incrementAndGet();
		tryAddWorker();
		return Activation.Offer.ACCEPTED;
	}

	int busy() {
		return this.queued.get() + this.workers.get();
	}

	int queued() {
		return this.queued.get();
	}

	private boolean tryAddWorker() {
		ActorDefinition definition = this.system.definition(this.id.getName());
		int max = (definition != null) ? definition.maxPoolSize : 1;
		while (true) {
			int current = this.workers.get();
			if (current >= max) {
				return false;
			}
			if (this.workers.compareAndSet(current, current + 1)) {
				this.runtime.startWorker(this::work);
				return true;
			}
		}
	}

	private void work() {
		while (true) {
			Envelope envelope = this.queue.poll();
			if (envelope == null) {
				this.workers.decrementAndGet();
				// A call may have arrived after the poll and seen every worker busy: take it over.
				if (this.queue.isEmpty() || !reacquire()) {
					return;
				}
				continue;
			}
			this.queued.decrementAndGet();
			try {
				call(envelope);
			}
			catch (Throwable ex) {
				this.runtime.turnFailed(this.id, envelope, ex);
			}
		}
	}

	private boolean reacquire() {
		ActorDefinition definition = this.system.definition(this.id.getName());
		int max = (definition != null) ? definition.maxPoolSize : 1;
		int current = this.workers.get();
		return current < max && this.workers.compareAndSet(current, current + 1);
	}

	private void call(Envelope envelope) {
		if (envelope.abandoned(this.runtime.clock().millis())) {
			this.runtime.expired(envelope);
			return;
		}
		ActorDefinition definition = this.system.definition(this.id.getName());
		try {
			if (definition == null) {
				throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
						"no actor '" + this.id.getName() + "' in system '" + this.id.getSystem() + "'");
			}
			String action = envelope.request().getActionName();
			if (envelope.type == Envelope.Type.READ_STATE
					|| (!definition.declares(action) && ActionNames.GET.contains(action))) {
				this.runtime.reply(envelope, this.id, null);
				return;
			}
			if (!definition.declares(action)) {
				throw new SpawnException(InvocationStatus.ACTION_NOT_FOUND,
						"action '" + action + "' not found on actor '" + this.id.getName() + "'");
			}
			ActorInvocationResponse response = this.runtime.callHost(this.id, action, ActorState.getDefaultInstance(),
					envelope.request(), envelope.deadlineMillis, envelope.timeoutMillis);
			this.runtime.completeTurn(this.id, envelope, response);
		}
		catch (SpawnException ex) {
			this.runtime.fail(envelope, ex);
		}
	}

}
