package io.spawn.internal.model;

import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.SpawnRequest;
import java.util.concurrent.CompletableFuture;

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
	 * Creates instances of UNNAMED actors.
	 * @param system the system
	 * @param request the instances
	 */
	void spawn(String system, SpawnRequest request);

	/**
	 * A call's outcome.
	 * @param status the status name ({@code OK} or a failure such as {@code ACTOR_NOT_FOUND})
	 * @param response the protocol response
	 */
	record Outcome(String status, InvocationResponse response) {

		public boolean ok() {
			return "OK".equals(this.status);
		}

	}

}
