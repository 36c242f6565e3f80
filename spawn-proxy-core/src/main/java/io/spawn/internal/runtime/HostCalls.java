package io.spawn.internal.runtime;

import io.spawn.internal.host.ActorHost;
import io.spawn.internal.host.HostException;
import io.spawn.internal.host.LocalValue;
import io.spawn.internal.host.ObjectHost;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.Noop;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorState;
import io.spawn.protocol.actors.ActorSystem;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One action run in the {@link ActorHost}: assembles the {@link ActorInvocation} from the actor's state and the
 * call, and maps every way the host can fail onto an {@link InvocationStatus}.
 */
final class HostCalls {

	private final ActorHost host;

	private final RuntimeClock clock;

	private final RuntimeSettings settings;

	HostCalls(ActorHost host, RuntimeClock clock, RuntimeSettings settings) {
		this.host = host;
		this.clock = clock;
		this.settings = settings;
	}

	private static ObjectHost.@Nullable HostReply wrap(@Nullable ActorInvocationResponse response) {
		return (response != null) ? ObjectHost.HostReply.of(response) : null;
	}

	/** A call an actor receives from the runtime itself (init, timers): no input, caller = self. */
	static InvocationRequest selfCall(ActorId id, String action) {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(id.getSystem()))
			.setActor(Actor.newBuilder().setId(id))
			.setActionName(action)
			.setNoop(Noop.getDefaultInstance())
			.setCaller(id)
			.build();
	}

	/**
	 * Runs one action in the host, with the state and command as objects where the host takes them.
	 * @param localState the current state as an object (then {@code state}'s bytes may be older), or null
	 * @param command the command as an object (then {@code request} has no value), or null
	 * @param replyAsObject whether the caller takes the reply as an object
	 * @throws SpawnException for every failure, with its status
	 */
	ObjectHost.HostReply call(ActorId self, String action, ActorState state, @Nullable LocalValue localState,
			InvocationRequest request, @Nullable LocalValue command, boolean replyAsObject, long deadlineMillis,
			long timeoutMillis) {
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
		ObjectHost objects = (this.host instanceof ObjectHost host) ? host : null;
		if (localState != null && objects == null) {
			context.setState(localState.encoded());
		}
		else if (localState == null && state.hasState()) {
			context.setState(state.getState());
		}
		ActorInvocation.Builder invocation = ActorInvocation.newBuilder().setActor(self).setActionName(action);
		if (request.hasCaller()) {
			context.setCaller(request.getCaller());
			invocation.setCaller(request.getCaller());
		}
		invocation.setCurrentContext(context);
		if (command != null && objects == null) {
			invocation.setValue(command.encoded());
		}
		else if (request.hasValue()) {
			invocation.setValue(request.getValue());
		}
		else if (command == null) {
			invocation.setNoop(Noop.getDefaultInstance());
		}
		try {
			Duration left = Duration.ofMillis(remaining);
			ObjectHost.HostReply reply = (objects != null)
					? objects.invoke(invocation.build(), localState, command, replyAsObject, left)
					: wrap(this.host.invoke(invocation.build(), left));
			if (reply == null || reply.response() == null) {
				throw new SpawnException(InvocationStatus.BAD_HOST_RESPONSE,
						"host returned no response for action '" + action + "' of actor '" + self.getName() + "'");
			}
			return reply;
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

}
