package io.spawn.autoconfigure.cycle;

import io.spawn.client.ActorClient;

/**
 * The two actors of the cycle as {@code @ActorClient} interfaces.
 */
final class CycleClients {

	private CycleClients() {
	}

	@ActorClient(actor = "ping")
	interface Ping {

		PingActor.Outcome answer();

	}

	@ActorClient(actor = "pong")
	interface Pong {

		PingActor.Outcome backViaClient();

	}

}
