package io.spawn.autoconfigure;

import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;

/**
 * Sees every action the embedded runtime ran successfully, with its response (whose new state and reply are unset
 * where they stayed Java objects, see {@code PayloadCodec.travelsAsObject}); for test support and
 * diagnostics. Called on the actor's turn: keep it fast and never throw.
 */
@FunctionalInterface
public interface ActorInvocationListener {

	void invoked(ActorInvocation invocation, ActorInvocationResponse response);

}
