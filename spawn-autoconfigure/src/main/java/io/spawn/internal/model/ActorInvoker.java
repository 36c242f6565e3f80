package io.spawn.internal.model;

import io.spawn.client.CallStatus;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.SpawnRequest;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Where calls go: the embedded runtime in this process, or the sidecar proxy over HTTP.
 */
public interface ActorInvoker {

	/**
	 * Sends a call.
	 * @param request the call
	 * @return the outcome; the future completes normally, failed calls included
	 */
	CompletableFuture<Outcome> invoke(InvocationRequest request);

	/**
	 * Deletes an actor's stored state, so that its next call starts from the initial state.
	 * @param system the system
	 * @param actor the actor's name
	 * @return the outcome; the future completes normally, failures included
	 */
	CompletableFuture<Outcome> deleteState(String system, String actor);

	/**
	 * Creates instances of UNNAMED actors.
	 * @param system the system
	 * @param request the instances
	 */
	void spawn(String system, SpawnRequest request);

	/**
	 * A call's outcome.
	 * @param failure why the call failed, {@code null} when it succeeded
	 * @param response the protocol response
	 */
	record Outcome(@Nullable CallStatus failure, InvocationResponse response) {

		/**
		 * A successful call's outcome.
		 * @param response the protocol response
		 * @return the outcome
		 */
		public static Outcome ok(InvocationResponse response) {
			return new Outcome(null, response);
		}

		public boolean ok() {
			return this.failure == null;
		}

	}

}
