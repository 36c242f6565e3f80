package io.spawn.internal.operations;

import java.time.Instant;

/**
 * A delayed call or timer action waiting in the scheduler.
 * @param id its id, for a cancellation
 * @param system the target's system
 * @param actor the target's name
 * @param action the action it calls
 * @param dueAt when it runs next
 * @param intervalMillis the period of a timer action, 0 for a delayed call
 * @param kind {@code timer} or {@code delayed-call}
 * @param attempts how often its current occurrence was handed out without completing
 */
public record ScheduleView(String id, String system, String actor, String action, Instant dueAt,
		long intervalMillis, String kind, int attempts) {
}
