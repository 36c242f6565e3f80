package io.spawn.internal.cluster.grpc;

import io.spawn.internal.cluster.ForwardedCall;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.internal.state.ActorKey;
import io.spawn.protocol.internal.peer.CallerKey;
import io.spawn.protocol.internal.peer.PeerCall;
import io.spawn.protocol.internal.peer.PeerReply;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between the runtime's types and the peer messages, in one place for both ends of the wire.
 */
final class PeerMessages {

	private PeerMessages() {
	}

	static PeerCall toMessage(String fromNode, ForwardedCall call) {
		PeerCall.Builder message = PeerCall.newBuilder()
			.setFromNode(fromNode)
			.setRequest(call.request())
			.setTimeoutMillis(call.timeoutMillis())
			.setHops(call.hops())
			.setReadState(call.readState())
			.setDeleteState(call.deleteState())
			.setDeadlineEpochMillis(call.deadlineEpochMillis());
		for (ActorKey key : call.callerChain()) {
			message.addCallerChain(CallerKey.newBuilder().setSystem(key.system()).setName(key.name()));
		}
		return message.build();
	}

	static ForwardedCall fromMessage(PeerCall message) {
		List<ActorKey> chain = new ArrayList<>(message.getCallerChainCount());
		for (CallerKey key : message.getCallerChainList()) {
			chain.add(new ActorKey(key.getSystem(), key.getName()));
		}
		return new ForwardedCall(message.getRequest(), Math.max(0, message.getTimeoutMillis()),
				Math.max(1, message.getHops()), chain, message.getReadState(), message.getDeleteState(),
				Math.max(0, message.getDeadlineEpochMillis()));
	}

	static PeerReply toMessage(InvocationResult result) {
		return PeerReply.newBuilder().setStatus(result.status().name()).setResponse(result.response()).build();
	}

	/** The result a reply stands for; a status this build does not know is a bad answer, never a success. */
	static InvocationResult fromMessage(PeerReply reply) {
		InvocationStatus status;
		try {
			status = InvocationStatus.valueOf(reply.getStatus());
		}
		catch (IllegalArgumentException ex) {
			status = InvocationStatus.BAD_HOST_RESPONSE;
		}
		return new InvocationResult(status, reply.getResponse());
	}

}
