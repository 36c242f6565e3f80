package io.spawn.internal.schedule;

import io.spawn.internal.state.ActorKey;

/**
 * A stored delayed call or timer action, as an operator sees it.
 * @param id the invocation's id (a timer's is {@code timer:<system>/<actor>/<action>})
 * @param actor the target
 * @param action the action it calls
 * @param dueAtMillis when it runs next, epoch milliseconds
 * @param intervalMillis the period of a timer action, 0 for a delayed call
 * @param attempts how often its current occurrence was handed to the runtime without completing (0 before the
 * first attempt)
 */
public record ScheduleEntry(String id, ActorKey actor, String action, long dueAtMillis, long intervalMillis,
		int attempts) {

	public boolean recurring() {
		return this.intervalMillis > 0;
	}

}
