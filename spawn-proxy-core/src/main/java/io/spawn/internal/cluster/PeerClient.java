package io.spawn.internal.cluster;

import io.spawn.internal.runtime.InvocationResult;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.actors.ActorId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime's way to reach the other members of its cluster. Every method is asynchronous and never throws: a
 * member that cannot be reached shows as a failed {@link InvocationResult}.
 */
public interface PeerClient {

	/** For a single node: there is nobody to reach. */
	PeerClient NONE = new PeerClient() {

		@Override
		public CompletableFuture<InvocationResult> forward(String node, ForwardedCall call) {
			throw new IllegalStateException("a single node forwards nothing");
		}

		@Override
		public void broadcast(String system, Broadcast broadcast, ActorId caller, Map<String, String> metadata) {
		}

	};

	/**
	 * Sends a call to the member that runs its actor.
	 * @param node the member's node id
	 * @param call the call
	 * @return the outcome; UNAVAILABLE when the member could not be reached, or failed while the call was under
	 * way (the action may then have run: the runtime never retries such a call by itself)
	 */
	CompletableFuture<InvocationResult> forward(String node, ForwardedCall call);

	/**
	 * Delivers a broadcast to the subscribers that are active on each other live member (unnamed instances).
	 * @param system the actor system
	 * @param broadcast the broadcast
	 * @param caller the actor that broadcast
	 * @param metadata the metadata delivered with it
	 */
	void broadcast(String system, Broadcast broadcast, ActorId caller, Map<String, String> metadata);

}
