package io.spawn.internal.host;

import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import java.time.Duration;

/**
 * Runs one action of one actor in the user's application. The runtime calls it from a virtual thread, never
 * holding a lock, and never twice at once for the same (non-pooled) actor.
 */
@FunctionalInterface
public interface ActorHost {

	/**
	 * Runs the action described by {@code invocation}.
	 * @param invocation the actor, action, current state and input
	 * @param timeout how long the caller still waits; the host should give up after it
	 * @return the host's answer
	 * @throws HostException when the action failed or the host could not be reached or understood
	 */
	ActorInvocationResponse invoke(ActorInvocation invocation, Duration timeout) throws HostException;

}
