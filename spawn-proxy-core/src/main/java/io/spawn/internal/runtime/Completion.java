package io.spawn.internal.runtime;

import com.google.protobuf.Any;
import io.spawn.internal.host.LocalValue;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RequestStatus;
import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * How a call ends: the one place that completes a caller's future, cancels its deadline timer and reports the
 * outcome to the {@link RuntimeObserver}, whichever path (turn, failure, forward) finished it.
 */
final class Completion {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(Completion.class));

	private final RuntimeObserver observer;

	Completion(RuntimeObserver observer) {
		this.observer = observer;
	}

	void reply(Envelope.Call call, ActorId self, @Nullable Any output) {
		reply(call, self, output, null);
	}

	/**
	 * Completes a call with its reply; an object reply goes as such only to a caller that asked for it.
	 * @param output the reply in bytes, or null
	 * @param local the reply as an object, or null
	 */
	void reply(Envelope.Call call, ActorId self, @Nullable Any output, @Nullable LocalValue local) {
		if (local != null && !call.objectReply) {
			output = local.encoded();
			local = null;
		}
		InvocationResponse.Builder response = InvocationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.OK))
			.setSystem(ActorSystem.newBuilder().setName(self.getSystem()))
			.setActor(Actor.newBuilder().setId(self));
		if (output != null) {
			response.setValue(output);
		}
		else if (local == null) {
			response.setNoop(Noop.getDefaultInstance());
		}
		complete(call, new InvocationResult(InvocationStatus.OK, response.build(), local));
	}

	void fail(Envelope.Call call, SpawnException error) {
		if (call.async() && error.status() != InvocationStatus.ACTION_NOT_FOUND) {
			logger.warn(() -> "Async call " + call.request.getActionName() + " to '" + call.target.getName()
					+ "' failed: " + error.getMessage());
		}
		complete(call, InvocationResult.failure(error.status(), error.getMessage(), call.target));
	}

	void expired(Envelope.Call call) {
		complete(call, InvocationResult.failure(InvocationStatus.DEADLINE_EXCEEDED,
				"timed out after " + call.timeoutMillis + " ms before the actor could take the call", call.target));
	}

	void turnFailed(ActorId actor, Envelope envelope, Throwable error) {
		logger.error(error, () -> "Unexpected failure in a turn of actor '" + actor.getName() + "'");
		if (envelope instanceof Envelope.Call call) {
			complete(call, InvocationResult.failure(InvocationStatus.ACTION_FAILED, "internal error: " + error,
					call.target));
		}
	}

	void complete(Envelope.Call call, InvocationResult result) {
		RuntimeClock.Cancellable timer = call.deadlineTimer;
		if (timer != null) {
			timer.cancel();
		}
		CompletableFuture<InvocationResult> reply = call.reply;
		boolean first = (reply == null) || reply.complete(result);
		if (first) {
			this.observer.invocationCompleted(ActorKey.of(call.target), call.request.getActionName(),
					result.status(), System.nanoTime() - call.acceptedNanos);
		}
	}

	static InvocationResult accepted(ActorId target) {
		return new InvocationResult(InvocationStatus.OK, InvocationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.OK))
			.setSystem(ActorSystem.newBuilder().setName(target.getSystem()))
			.setActor(Actor.newBuilder().setId(target))
			.setNoop(Noop.getDefaultInstance())
			.build());
	}

	static CompletableFuture<InvocationResult> failed(InvocationStatus status, String message, ActorId target) {
		return CompletableFuture.completedFuture(InvocationResult.failure(status, message, target));
	}

}
