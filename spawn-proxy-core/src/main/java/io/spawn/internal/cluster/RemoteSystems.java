package io.spawn.internal.cluster;

import io.spawn.internal.runtime.InvocationResult;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The other actor systems this runtime calls into (Spawn's cross-system calls): a call whose system is not
 * registered here but is named here goes to one of that system's members, which places it in its own cluster.
 */
public interface RemoteSystems {

	/** No other systems. */
	RemoteSystems NONE = new RemoteSystems() {

		@Override
		public Set<String> systems() {
			return Set.of();
		}

		@Override
		public CompletableFuture<InvocationResult> forward(String system, ForwardedCall call) {
			throw new IllegalStateException("no actor system '" + system + "' is configured");
		}

	};

	/**
	 * The systems that can be called.
	 * @return their names
	 */
	Set<String> systems();

	/**
	 * Sends a call to one of a system's members.
	 * @param system one of {@link #systems()}
	 * @param call the call
	 * @return the outcome; UNAVAILABLE when no member of the system could be reached
	 */
	CompletableFuture<InvocationResult> forward(String system, ForwardedCall call);

}
