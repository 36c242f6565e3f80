package io.spawn.internal.schedule;

import io.spawn.internal.state.ActorKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keeps calls to run later and hands each to a dispatcher when it falls due: at or after its due time, at least
 * once. A durable implementation stores an invocation before {@link #schedule} returns.
 */
public interface InvocationScheduler {

	/**
	 * Starts handing due invocations to {@code dispatcher}.
	 * @param dispatcher takes a due invocation; returns {@code false} when it cannot take it now, and the
	 * scheduler tries again later
	 */
	void start(Dispatcher dispatcher);

	/**
	 * Adds an invocation, replacing any with the same id.
	 * @param invocation the invocation
	 */
	void schedule(ScheduledInvocation invocation);

	/**
	 * Removes an invocation.
	 * @param id its id
	 * @return whether it was scheduled
	 */
	boolean cancel(String id);

	/**
	 * Removes every invocation that targets {@code actor}: its timers and its pending delayed calls.
	 * @param actor the actor
	 * @return how many were removed
	 */
	int cancelAll(ActorKey actor);

	/**
	 * Lists stored invocations of a system (or of one actor of it), for operators, in the order of their ids
	 * (keyset pagination: the page after {@code afterId}).
	 * @param system the actor system
	 * @param actor only this actor's, or {@code null} for the whole system
	 * @param afterId the last id of the previous page, or {@code null} for the first page
	 * @param limit how many at most, at least 1
	 * @return the invocations
	 * @throws UnsupportedOperationException when this scheduler cannot list
	 */
	default List<ScheduleEntry> list(String system, @Nullable String actor, @Nullable String afterId, int limit) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list its invocations");
	}

	/**
	 * Stops dispatching. Scheduled invocations stay scheduled (a durable implementation keeps them).
	 */
	void stop();

	/**
	 * Takes due invocations.
	 */
	@FunctionalInterface
	interface Dispatcher {

		/**
		 * Runs a due invocation.
		 * @param invocation the invocation
		 * @return whether it was accepted
		 */
		boolean dispatch(ScheduledInvocation invocation);

	}

}
