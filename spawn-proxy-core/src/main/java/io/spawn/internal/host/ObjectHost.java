package io.spawn.internal.host;

import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A host in the runtime's own process that takes and gives commands, replies and states as Java objects
 * ({@link LocalValue}) where it can, so that an in-process call encodes nothing it does not have to. The runtime
 * still calls {@link #invoke(ActorInvocation, Duration)} when it has only bytes.
 */
public interface ObjectHost extends ActorHost {

	/**
	 * Runs an action. What is given as a {@link LocalValue} is missing from {@code invocation}: the state from its
	 * context, the command from its value.
	 * @param invocation the actor, action, context and (unless {@code command} is given) input
	 * @param state the current state as an object, or {@code null} when the invocation carries it as bytes
	 * @param command the command as an object, or {@code null} when the invocation carries it as bytes
	 * @param replyAsObject whether the caller takes the reply as an object
	 * @param timeout how long the caller still waits
	 * @return the answer
	 * @throws HostException when the action failed
	 */
	HostReply invoke(ActorInvocation invocation, @Nullable LocalValue state, @Nullable LocalValue command,
			boolean replyAsObject, Duration timeout) throws HostException;

	/**
	 * An answer whose new state or reply may be objects.
	 * @param response the response; its updated state is unset when {@code state} is given, its value unset when
	 * {@code reply} is given
	 * @param state the new state as an object, or {@code null}
	 * @param reply the reply as an object, or {@code null}
	 */
	record HostReply(ActorInvocationResponse response, @Nullable LocalValue state, @Nullable LocalValue reply) {

		/**
		 * An answer in bytes only.
		 * @param response the response
		 * @return the answer
		 */
		public static HostReply of(ActorInvocationResponse response) {
			return new HostReply(response, null, null);
		}

	}

}
