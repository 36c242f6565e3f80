package io.spawn.test.sample;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import io.spawn.actor.OnActivate;

/**
 * A test actor: one counter per id.
 */
@Actor(value = "counter", kind = ActorKind.UNNAMED, snapshotInterval = "100ms")
public class CounterActor {

	public record Counter(long value, int activations) {
	}

	public record Add(long by) {
	}

	public record Total(long value) {
	}

	@Action
	public Effect<Counter, Total> add(Counter counter, Add add) {
		Counter next = new Counter(counter.value() + add.by(), counter.activations());
		Effect<Counter, Total> effect = Effect.update(next).thenReply(new Total(next.value()));
		return (next.value() >= 1_000) ? effect.broadcast("big-totals", new Total(next.value())) : effect;
	}

	@Action
	public Total total(Counter counter) {
		return new Total(counter.value());
	}

	@Action
	public Effect<Counter, Total> withdraw(Counter counter, Add amount) {
		if (amount.by() > counter.value()) {
			return Effect.error("insufficient-funds", "cannot take " + amount.by() + " from " + counter.value());
		}
		return Effect.update(new Counter(counter.value() - amount.by(), counter.activations()))
			.thenReply(new Total(counter.value() - amount.by()));
	}

	@Action
	public String whoAmI(ActorContext<Counter> context) {
		return context.self() + "@" + context.system() + " trace=" + context.metadata().getOrDefault("traceparent", "-");
	}

	@Action
	public Total explode(Add add) {
		throw new IllegalStateException("boom " + add.by());
	}

	@OnActivate
	public Counter activated(Counter counter) {
		return new Counter(counter.value(), counter.activations() + 1);
	}

}
