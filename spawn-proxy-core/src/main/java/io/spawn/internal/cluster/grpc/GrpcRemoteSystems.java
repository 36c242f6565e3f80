package io.spawn.internal.cluster.grpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.internal.cluster.ForwardedCall;
import io.spawn.internal.cluster.RemoteSystems;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.internal.peer.PeerReply;
import io.spawn.protocol.internal.peer.PeerServiceGrpc;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Other actor systems reached over their members' peer ports, one gRPC channel per configured address. A call
 * goes to the addresses in turn, starting from the next one each time; when a member cannot be connected to, the
 * call was not sent and goes to the next address. A failure after the call left is the caller's, as between the
 * members of one system: the action may have run.
 */
public final class GrpcRemoteSystems implements RemoteSystems, AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(GrpcRemoteSystems.class));

	/** How long an async call waits for the other system to accept it. */
	private static final long ASYNC_ACCEPT_MILLIS = 10_000;

	/** Beyond the call's own time: the other member answers with its timeout, not ours. */
	private static final long REPLY_GRACE_MILLIS = 1_000;

	private final String localNode;

	private final Map<String, Members> systems = new LinkedHashMap<>();

	/**
	 * @param localNode this member's id, sent as the sender of each call
	 * @param addresses per system, the peer addresses (host:port) of some of its members
	 * @param tls mutual TLS for the channels, or null for plaintext
	 * @throws ClusterConfigurationException when a system has no address or an address is not host:port
	 */
	public GrpcRemoteSystems(String localNode, Map<String, List<String>> addresses, @Nullable PeerTls tls) {
		this.localNode = localNode;
		addresses.forEach((system, list) -> {
			if (system.isBlank()) {
				throw new ClusterConfigurationException("an actor system to call has no name",
						"Name each system under spawn.proxy.cluster.systems.<name>.");
			}
			if (list.isEmpty()) {
				throw new ClusterConfigurationException("actor system '" + system + "' has no peer addresses",
						"List at least one member's peer address (host:port) for it, or remove it.");
			}
			List<Channel> channels = new ArrayList<>();
			for (String address : list) {
				channels.add(new Channel(address, GrpcPeerClient.open(address, tls)));
			}
			this.systems.put(system, new Members(system, List.copyOf(channels)));
		});
	}

	/**
	 * The other systems to call, or {@link RemoteSystems#NONE} when there are none.
	 * @param localNode this member's id
	 * @param addresses per system, peer addresses of its members
	 * @param tls mutual TLS for the channels, or null for plaintext
	 * @return the systems
	 * @throws ClusterConfigurationException when a system has no address or an address is not host:port
	 */
	public static RemoteSystems connect(String localNode, Map<String, List<String>> addresses, @Nullable PeerTls tls) {
		return addresses.isEmpty() ? RemoteSystems.NONE : new GrpcRemoteSystems(localNode, addresses, tls);
	}

	@Override
	public Set<String> systems() {
		return this.systems.keySet();
	}

	@Override
	public CompletableFuture<InvocationResult> forward(String system, ForwardedCall call) {
		Members members = this.systems.get(system);
		ActorId actor = call.request().getActor().getId();
		if (members == null) {
			return CompletableFuture.completedFuture(InvocationResult.failure(InvocationStatus.ACTOR_NOT_FOUND,
					"no actor system '" + system + "' is configured to call", actor));
		}
		CompletableFuture<InvocationResult> outcome = new CompletableFuture<>();
		int start = Math.floorMod(members.next.getAndIncrement(), members.channels.size());
		attempt(members, start, 0, call, outcome, new ArrayList<>());
		return outcome;
	}

	private void attempt(Members members, int start, int tried, ForwardedCall call,
			CompletableFuture<InvocationResult> outcome, List<String> unreachable) {
		ActorId actor = call.request().getActor().getId();
		if (tried == members.channels.size()) {
			outcome.complete(InvocationResult.failure(InvocationStatus.UNAVAILABLE, "actor system '" + members.system
					+ "' could not be reached: no member answered at " + unreachable + "; the call was not sent", actor));
			return;
		}
		Channel channel = members.channels.get((start + tried) % members.channels.size());
		long deadline = (call.timeoutMillis() > 0) ? call.timeoutMillis() + REPLY_GRACE_MILLIS : ASYNC_ACCEPT_MILLIS;
		var reply = PeerServiceGrpc.newFutureStub(channel.channel)
			.withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
			.invoke(PeerMessages.toMessage(this.localNode, call));
		Futures.addCallback(reply, new FutureCallback<>() {

			@Override
			public void onSuccess(PeerReply result) {
				outcome.complete(PeerMessages.fromMessage(result));
			}

			@Override
			public void onFailure(Throwable error) {
				if (notSent(error)) {
					unreachable.add(channel.address);
					logger.debug(() -> "Member of '" + members.system + "' at " + channel.address
							+ " cannot be reached; trying the next one");
					attempt(members, start, tried + 1, call, outcome, unreachable);
					return;
				}
				Status status = Status.fromThrowable(error);
				InvocationStatus mapped = (status.getCode() == Status.Code.DEADLINE_EXCEEDED)
						? InvocationStatus.DEADLINE_EXCEEDED : InvocationStatus.UNAVAILABLE;
				outcome.complete(InvocationResult.failure(mapped, "actor system '" + members.system + "' at "
						+ channel.address + " failed the call (" + status.getCode()
						+ ((status.getDescription() != null) ? ": " + status.getDescription() : "")
						+ "); the action may have run, so it was not retried", actor));
			}

		}, MoreExecutors.directExecutor());
	}

	/** Whether the call never left: the connection to the member could not be made. */
	private static boolean notSent(Throwable error) {
		if (!(error instanceof StatusRuntimeException grpc) || grpc.getStatus().getCode() != Status.Code.UNAVAILABLE) {
			return false;
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		for (Members members : this.systems.values()) {
			for (Channel channel : members.channels) {
				channel.channel.shutdownNow();
			}
		}
	}

	private record Members(String system, List<Channel> channels, AtomicInteger next) {

		Members(String system, List<Channel> channels) {
			this(system, channels, new AtomicInteger());
		}

	}

	private record Channel(String address, ManagedChannel channel) {
	}

}
