package io.spawn.autoconfigure.clients;

import io.spawn.actor.Action;
import io.spawn.actor.ActorKind;
import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.client.ActorClient;
import io.spawn.client.InstanceId;
import java.util.concurrent.CompletableFuture;

/**
 * The counter actor as another service would see it: only an interface.
 */
@ActorClient(actor = "counter", kind = ActorKind.UNNAMED)
public interface CounterClient {

	CounterActor.Total add(@InstanceId String id, CounterActor.Add add);

	@Action("total")
	CompletableFuture<CounterActor.Total> read(@InstanceId String id);

	CounterActor.Total withdraw(@InstanceId String id, CounterActor.Add amount);

}
