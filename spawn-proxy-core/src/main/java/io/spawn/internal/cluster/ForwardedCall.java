package io.spawn.internal.cluster;

import io.spawn.internal.state.ActorKey;
import io.spawn.protocol.InvocationRequest;
import java.util.List;

/**
 * A call on its way to (or arriving from) another member, with what the runtime keeps outside the request: its
 * remaining time, the synchronous callers waiting up its chain, and how often it was forwarded.
 * @param request the call as its caller sent it (metadata untouched)
 * @param timeoutMillis time left in milliseconds; 0 for an async call without a deadline
 * @param hops forwards so far, this one included
 * @param callerChain actors waiting synchronously for this call, nearest last
 * @param readState whether it is a read of the state that never reaches the host
 * @param deleteState whether it deletes the actor's stored state, never reaching the host
 * @param deadlineEpochMillis the deadline on the members' shared wall clock, 0 for none; it bounds
 * {@code timeoutMillis}, which alone would restart on a member that was paused while the call waited for it
 */
public record ForwardedCall(InvocationRequest request, long timeoutMillis, int hops, List<ActorKey> callerChain,
		boolean readState, boolean deleteState, long deadlineEpochMillis) {

	public ForwardedCall {
		callerChain = List.copyOf(callerChain);
	}

}
