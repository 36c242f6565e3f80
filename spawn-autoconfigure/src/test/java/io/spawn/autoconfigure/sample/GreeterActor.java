package io.spawn.autoconfigure.sample;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Rest;

/**
 * A stateless actor exposed through {@code @Rest}.
 */
@Actor(value = "greeter", kind = ActorKind.UNNAMED, stateful = false)
public class GreeterActor {

	public record Greet(String name, int times) {
	}

	public record Greeting(String text) {
	}

	@Action
	@Rest(method = "GET", path = "/greeters/{id}/greet")
	public Greeting greet(Greet greet, ActorContext<Void> context) {
		return new Greeting(("hello " + greet.name() + " from " + context.self() + "; ").repeat(Math.max(1, greet.times()))
			.strip());
	}

}
