package io.spawn.internal.schedule;

import io.spawn.protocol.InvocationRequest;

/**
 * A call to run later: once (a delayed call) or every {@code intervalMillis} (a timer action).
 * @param id unique id; scheduling the same id again replaces the earlier entry. Passed to the actor in the
 * {@code spawn-schedule-id} metadata so that it can drop a duplicate delivery
 * @param request the call, with {@code scheduled_to} cleared
 * @param dueAtMillis when to run it, epoch milliseconds
 * @param intervalMillis 0 for a one-shot call, else the period of a timer action
 */
public record ScheduledInvocation(String id, InvocationRequest request, long dueAtMillis, long intervalMillis) {

	/** Metadata key carrying {@link #id()} to the actor. */
	public static final String ID_METADATA = "spawn-schedule-id";

	public ScheduledInvocation {
		if (intervalMillis < 0) {
			throw new IllegalArgumentException("intervalMillis must not be negative, was " + intervalMillis);
		}
	}

	public boolean recurring() {
		return this.intervalMillis > 0;
	}

	/**
	 * The next occurrence of a recurring invocation after it ran at {@code nowMillis}: one period after its due
	 * time, or one period from now when it fell behind, so that a stopped process does not fire a burst.
	 * @param nowMillis the current time
	 * @return the next occurrence
	 */
	public ScheduledInvocation next(long nowMillis) {
		long due = this.dueAtMillis + this.intervalMillis;
		return new ScheduledInvocation(this.id, this.request, (due > nowMillis) ? due : nowMillis + this.intervalMillis,
				this.intervalMillis);
	}

}
