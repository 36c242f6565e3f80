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
 */
public record ForwardedCall(InvocationRequest request, long timeoutMillis, int hops, List<ActorKey> callerChain,
		boolean readState) {

	public ForwardedCall {
		callerChain = List.copyOf(callerChain);
	}

}
