package io.spawn.autoconfigure.cycle;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.Rest;
import io.spawn.client.ActorRefs;

/**
 * A -> B -> A: each action calls {@link PongActor}, which calls back into this actor while it waits.
 */
@Actor(value = "ping", stateful = false)
public class PingActor {

	private final ActorRefs<PongActor> pongs;

	private final CycleClients.Pong pong;

	public PingActor(ActorRefs<PongActor> pongs, CycleClients.Pong pong) {
		this.pongs = pongs;
		this.pong = pong;
	}

	/**
	 * How the call back into this actor ended.
	 * @param status the failure's status, or {@code ANSWERED}
	 */
	public record Outcome(String status) {
	}

	@Action
	@Rest(method = "POST", path = "/cycle/ref")
	public Outcome viaRef() {
		return this.pongs.get().call(PongActor::backViaRef);
	}

	@Action
	@Rest(method = "POST", path = "/cycle/client")
	public Outcome viaClient() {
		return this.pong.backViaClient();
	}

	@Action
	public Outcome answer() {
		return new Outcome("ANSWERED");
	}

}
