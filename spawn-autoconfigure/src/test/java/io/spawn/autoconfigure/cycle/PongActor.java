package io.spawn.autoconfigure.cycle;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.client.ActorCallException;
import io.spawn.client.ActorRefs;
import java.util.function.Supplier;

/**
 * B of the cycle: calls {@link PingActor} back, synchronously, and reports how that call ended.
 */
@Actor(value = "pong", stateful = false)
public class PongActor {

	private final ActorRefs<PingActor> pings;

	private final CycleClients.Ping ping;

	public PongActor(ActorRefs<PingActor> pings, CycleClients.Ping ping) {
		this.pings = pings;
		this.ping = ping;
	}

	@Action
	public PingActor.Outcome backViaRef() {
		return report(() -> this.pings.get().call(PingActor::answer));
	}

	@Action
	public PingActor.Outcome backViaClient() {
		return report(this.ping::answer);
	}

	@Action
	public PingActor.Outcome answer() {
		return new PingActor.Outcome("ANSWERED");
	}

	private static PingActor.Outcome report(Supplier<PingActor.Outcome> call) {
		try {
			return call.get();
		}
		catch (ActorCallException ex) {
			return new PingActor.Outcome(ex.status().name());
		}
	}

}
