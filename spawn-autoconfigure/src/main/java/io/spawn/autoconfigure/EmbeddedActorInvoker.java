package io.spawn.autoconfigure;

import io.spawn.internal.model.ActorInvoker;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.SpawnRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Sends calls to the runtime in this process.
 */
final class EmbeddedActorInvoker implements ActorInvoker {

	private final ActorRuntime runtime;

	EmbeddedActorInvoker(ActorRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public CompletableFuture<Outcome> invoke(InvocationRequest request) {
		return this.runtime.invokeAsync(request)
			.thenApply((result) -> new Outcome(result.status().name(), result.response()));
	}

	@Override
	public void spawn(String system, SpawnRequest request) {
		try {
			this.runtime.spawn(system, request, null);
		}
		catch (io.spawn.internal.runtime.SpawnException ex) {
			throw new io.spawn.client.ActorCallException(io.spawn.client.CallStatus.valueOf(ex.status().name()),
					ex.getMessage(), null);
		}
	}

}
