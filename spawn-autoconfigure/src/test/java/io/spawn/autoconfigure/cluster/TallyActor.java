package io.spawn.autoconfigure.cluster;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import io.spawn.actor.InitialState;

/**
 * The cluster test's actor: a write-through tally per id. A second activation anywhere would be fenced by its
 * lease and revision, so lost or refused updates would show in the totals.
 */
@Actor(value = "tally", kind = ActorKind.UNNAMED, writeThrough = true)
public class TallyActor {

	public record Tally(long value) {
	}

	public record Add(long by) {
	}

	@InitialState
	public Tally initial() {
		return new Tally(0);
	}

	@Action
	public Effect<Tally, Tally> add(Tally tally, Add add) {
		Tally next = new Tally(tally.value() + add.by());
		return Effect.update(next).thenReply(next);
	}

	@Action
	public Tally total(Tally tally) {
		return tally;
	}

}
