package io.spawn.benchmarks;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import io.spawn.actor.InitialState;

/**
 * The counter of the user-path benchmark as a user writes it: an {@code @Actor} bean with record state, a record
 * command and a record reply, which the starter maps to and from JSON.
 */
@Actor(value = "user-counter", kind = ActorKind.UNNAMED)
public class UserCounterActor {

	/**
	 * The state.
	 * @param value the count
	 */
	public record Count(long value) {
	}

	/**
	 * The command.
	 * @param by how much to add
	 */
	public record Add(long by) {
	}

	/**
	 * The reply.
	 * @param value the count after the call
	 */
	public record Total(long value) {
	}

	@InitialState
	public Count zero() {
		return new Count(0);
	}

	@Action
	public Effect<Count, Total> add(Count count, Add add) {
		Count next = new Count(count.value() + add.by());
		return Effect.<Count, Total>update(next).thenReply(new Total(next.value()));
	}

}
