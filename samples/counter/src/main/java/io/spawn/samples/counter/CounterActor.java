package io.spawn.samples.counter;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import io.spawn.actor.Rest;

/**
 * One counter per id. Calls to one counter run one at a time, so the read-modify-write below needs no lock.
 * {@code increment} is exposed by {@code @Rest}; {@code value} by {@code spawn.rest.routes} in application.yaml.
 */
@Actor(value = "counter", kind = ActorKind.UNNAMED)
public class CounterActor {

	/** The state of a counter. */
	public record Counter(long value) {
	}

	/** Adds {@code by} to a counter. */
	public record Increment(long by) {
	}

	/** A counter's value, as replied. */
	public record CounterValue(String id, long value) {
	}

	@Action
	@Rest(method = "POST", path = "/counters/{id}/increment")
	public Effect<Counter, CounterValue> increment(Counter counter, Increment increment, ActorContext<Counter> context) {
		if (increment.by() <= 0) {
			return Effect.error("invalid-increment", "increment must be positive, was " + increment.by());
		}
		Counter next = new Counter(counter.value() + increment.by());
		return Effect.update(next).thenReply(new CounterValue(context.self(), next.value()));
	}

	@Action
	public CounterValue value(Counter counter, ActorContext<Counter> context) {
		return new CounterValue(context.self(), counter.value());
	}

}
