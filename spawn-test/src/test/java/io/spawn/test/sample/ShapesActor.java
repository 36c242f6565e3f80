package io.spawn.test.sample;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.Effect;
import io.spawn.actor.InitialState;

/**
 * One action of every shape a typed reference can name (see {@code ActionMethod}): parameters in the order state,
 * command, context, each optional, returning a plain reply or an {@link Effect}.
 */
@Actor("shapes")
public class ShapesActor {

	public record Tally(long n) {
	}

	public record Amount(long n) {
	}

	public record Word(String text) {
	}

	public record Reply(String text) {
	}

	@InitialState
	public Tally start() {
		return new Tally(10);
	}

	@Action
	public Reply hello() {
		return new Reply("hello");
	}

	@Action
	public Effect<Tally, Reply> reset() {
		return Effect.<Tally, Reply>update(new Tally(0)).thenReply(new Reply("reset"));
	}

	@Action
	public Reply echo(Word word) {
		return new Reply(word.text());
	}

	@Action
	public Reply read(Tally tally) {
		return new Reply("n=" + tally.n());
	}

	@Action
	public Reply who(ActorContext<Tally> context) {
		return new Reply("I am " + context.self());
	}

	@Action
	public Effect<Tally, Reply> set(Amount amount) {
		return Effect.<Tally, Reply>update(new Tally(amount.n())).thenReply(new Reply("set " + amount.n()));
	}

	@Action
	public Reply peek(Tally tally, Amount amount) {
		return new Reply("would be " + (tally.n() + amount.n()));
	}

	@Action
	public Effect<Tally, Reply> add(Tally tally, Amount amount) {
		return Effect.<Tally, Reply>update(new Tally(tally.n() + amount.n())).thenReply(new Reply("added"));
	}

	@Action
	public Reply greet(Word word, ActorContext<Tally> context) {
		return new Reply(word.text() + " from " + context.self());
	}

	@Action
	public Effect<Tally, Reply> greetAndReset(Word word, ActorContext<Tally> context) {
		return Effect.<Tally, Reply>update(new Tally(0)).thenReply(new Reply(word.text() + " reset by " + context.self()));
	}

	@Action
	public Reply describe(Tally tally, ActorContext<Tally> context) {
		return new Reply(context.self() + " n=" + tally.n());
	}

	@Action
	public Effect<Tally, Reply> twice(Tally tally, ActorContext<Tally> context) {
		return Effect.<Tally, Reply>update(new Tally(tally.n() * 2)).thenReply(new Reply(context.self() + " doubled"));
	}

	@Action
	public Reply sum(Tally tally, Amount amount, ActorContext<Tally> context) {
		return new Reply(context.self() + " sum=" + (tally.n() + amount.n()));
	}

	@Action
	public Effect<Tally, Reply> addFrom(Tally tally, Amount amount, ActorContext<Tally> context) {
		return Effect.<Tally, Reply>update(new Tally(tally.n() + amount.n())).thenReply(new Reply(context.self() + " added"));
	}

}
