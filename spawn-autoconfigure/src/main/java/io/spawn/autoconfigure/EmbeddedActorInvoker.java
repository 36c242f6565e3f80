package io.spawn.autoconfigure;

import io.spawn.client.ActorCallException;
import io.spawn.internal.host.LocalValue;
import io.spawn.internal.model.ActorInvoker;
import io.spawn.internal.model.PayloadCodec;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.SpawnException;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.SpawnRequest;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Sends calls to the runtime in this process; outcomes become {@link io.spawn.client.CallStatus} through
 * {@link RuntimeStatuses}, the one mapping of embedded mode.
 */
final class EmbeddedActorInvoker implements ActorInvoker {

	private final ActorRuntime runtime;

	EmbeddedActorInvoker(ActorRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public CompletableFuture<Outcome> invoke(InvocationRequest request) {
		return this.runtime.invokeAsync(request)
			.thenApply((result) -> new Outcome(RuntimeStatuses.callStatus(result.status()), result.response()));
	}

	@Override
	public CompletableFuture<Outcome> invokeObjects(InvocationRequest request, @Nullable Object command,
			PayloadCodec codec) {
		return this.runtime.invokeLocal(request, local(command, codec)).thenApply(EmbeddedActorInvoker::outcome);
	}

	@Override
	public Outcome callObjects(InvocationRequest request, @Nullable Object command, PayloadCodec codec) {
		return outcome(this.runtime.callLocal(request, local(command, codec)));
	}

	private static @Nullable LocalValue local(@Nullable Object command, PayloadCodec codec) {
		return (command != null) ? LocalValue.of(command, codec::encodePresent) : null;
	}

	private static Outcome outcome(InvocationResult result) {
		return new Outcome(RuntimeStatuses.callStatus(result.status()), result.response(),
				(result.reply() != null) ? result.reply().value() : null);
	}

	@Override
	public boolean inProcess() {
		return true;
	}

	@Override
	public CompletableFuture<Outcome> deleteState(String system, String actor) {
		return this.runtime.deleteState(system, actor)
			.thenApply((result) -> new Outcome(RuntimeStatuses.callStatus(result.status()), result.response()));
	}

	@Override
	public void spawn(String system, SpawnRequest request) {
		try {
			this.runtime.spawn(system, request, null);
		}
		catch (SpawnException ex) {
			throw new ActorCallException(RuntimeStatuses.failure(ex.status()), ex.getMessage(), null);
		}
	}

}
