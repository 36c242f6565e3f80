package io.spawn.internal.cluster.grpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.spawn.internal.cluster.ForwardedCall;
import io.spawn.internal.cluster.Member;
import io.spawn.internal.cluster.Membership;
import io.spawn.internal.cluster.PeerClient;
import io.spawn.internal.cluster.discovery.PeerAddress;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.internal.peer.MemberNotice;
import io.spawn.protocol.internal.peer.PeerAck;
import io.spawn.protocol.internal.peer.PeerBroadcast;
import io.spawn.protocol.internal.peer.PeerReply;
import io.spawn.protocol.internal.peer.PeerServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Reaches the other members over their peer ports: one HTTP/2 channel per member address, opened on first use.
 * A slow or paused member only holds up the calls sent to it.
 */
public final class GrpcPeerClient implements PeerClient, AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(GrpcPeerClient.class));

	/** Time a forwarded call gets beyond its own deadline, for the reply to travel back. */
	private static final long REPLY_GRACE_MILLIS = 1_000;

	/** Deadline of an async forward: until the owner has queued it. */
	private static final long ASYNC_ACCEPT_MILLIS = 10_000;

	private final Membership membership;

	/** One channel per member incarnation: a member that restarts at the same address gets a fresh channel. */
	private final ConcurrentMap<String, Incarnation> channels = new ConcurrentHashMap<>();

	private volatile @Nullable PeerTls tls;

	public GrpcPeerClient(Membership membership) {
		this.membership = membership;
		membership.addListener((view) -> closeChannelsOfGoneMembers());
	}

	/** Opens every channel from now on with mutual TLS. */
	public void secure(PeerTls tls) {
		this.tls = tls;
	}

	/** Members that left the view take their channel with them, so that a back-off of a dead one never lingers. */
	private void closeChannelsOfGoneMembers() {
		for (Map.Entry<String, Incarnation> entry : this.channels.entrySet()) {
			boolean live = this.membership.view()
				.members()
				.stream()
				.anyMatch((m) -> m.address().equals(entry.getKey()) && m.startedAt() == entry.getValue().startedAt());
			if (!live && this.channels.remove(entry.getKey(), entry.getValue())) {
				entry.getValue().channel().shutdown();
			}
		}
	}

	@Override
	public CompletableFuture<InvocationResult> forward(String node, ForwardedCall call) {
		ActorId actor = call.request().getActor().getId();
		Member member = member(node);
		if (member == null) {
			return CompletableFuture.completedFuture(InvocationResult.failure(InvocationStatus.UNAVAILABLE,
					"member '" + node + "' is not live; retry", actor));
		}
		long deadline = (call.timeoutMillis() > 0) ? call.timeoutMillis() + REPLY_GRACE_MILLIS
				: ASYNC_ACCEPT_MILLIS;
		ListenableFuture<PeerReply> reply;
		try {
			reply = PeerServiceGrpc.newFutureStub(channel(member))
				.withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
				.invoke(PeerMessages.toMessage(this.membership.localNode(), call));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.completedFuture(InvocationResult.failure(InvocationStatus.UNAVAILABLE,
					"member '" + node + "' could not be called: " + ex.getMessage(), actor));
		}
		CompletableFuture<InvocationResult> outcome = new CompletableFuture<>();
		Futures.addCallback(reply, new FutureCallback<>() {

			@Override
			public void onSuccess(PeerReply result) {
				outcome.complete(PeerMessages.fromMessage(result));
			}

			@Override
			public void onFailure(Throwable error) {
				outcome.complete(failure(node, member.address(), error, actor));
			}

		}, MoreExecutors.directExecutor());
		return outcome;
	}

	private static InvocationResult failure(String node, String address, Throwable error, ActorId actor) {
		Status status = (error instanceof StatusRuntimeException grpc) ? grpc.getStatus() : Status.fromThrowable(error);
		String cause = status.getCode() + ((status.getDescription() != null) ? ": " + status.getDescription() : "");
		return switch (status.getCode()) {
			case DEADLINE_EXCEEDED -> InvocationResult.failure(InvocationStatus.DEADLINE_EXCEEDED,
					"member '" + node + "' did not answer in time (" + cause + ")", actor);
			case UNAVAILABLE -> InvocationResult.failure(InvocationStatus.UNAVAILABLE, "member '" + node + "' at "
					+ address + " could not be reached or went away during the call (" + cause
					+ "); the action may have run, so it was not retried", actor);
			default -> InvocationResult.failure(InvocationStatus.UNAVAILABLE, "member '" + node + "' failed the call ("
					+ cause + "); the action may have run, so it was not retried", actor);
		};
	}

	@Override
	public void broadcast(String system, Broadcast broadcast, ActorId caller, Map<String, String> metadata) {
		PeerBroadcast message = PeerBroadcast.newBuilder()
			.setFromNode(this.membership.localNode())
			.setSystem(system)
			.setBroadcast(broadcast)
			.setCaller(caller)
			.putAllMetadata(metadata)
			.build();
		for (Member member : others()) {
			ListenableFuture<PeerAck> ack = PeerServiceGrpc.newFutureStub(channel(member))
				.withDeadlineAfter(ASYNC_ACCEPT_MILLIS, TimeUnit.MILLISECONDS)
				.broadcast(message);
			Futures.addCallback(ack, new FutureCallback<>() {

				@Override
				public void onSuccess(PeerAck result) {
				}

				@Override
				public void onFailure(Throwable error) {
					logger.warn(() -> "Broadcast on '" + broadcast.getChannelGroup() + "' did not reach member '"
							+ member.nodeId() + "': " + error.getMessage());
				}

			}, MoreExecutors.directExecutor());
		}
	}

	/** Tells every other live member that this one is leaving, and waits (briefly) until they heard it. */
	public void announceLeaving(long timeoutMillis) {
		MemberNotice notice = MemberNotice.newBuilder().setNodeId(this.membership.localNode()).build();
		List<ListenableFuture<PeerAck>> acks = new ArrayList<>();
		for (Member member : others()) {
			acks.add(PeerServiceGrpc.newFutureStub(channel(member))
				.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
				.leaving(notice));
		}
		for (ListenableFuture<PeerAck> ack : acks) {
			try {
				ack.get(timeoutMillis, TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				logger.debug(() -> "A member did not hear the leave notice; it sees the LEAVING row instead");
			}
		}
	}

	private List<Member> others() {
		List<Member> others = new ArrayList<>();
		for (Member member : this.membership.view().members()) {
			if (!member.nodeId().equals(this.membership.localNode())) {
				others.add(member);
			}
		}
		return others;
	}

	private @Nullable Member member(String node) {
		for (Member member : this.membership.view().members()) {
			if (member.nodeId().equals(node)) {
				return member;
			}
		}
		return null;
	}

	private ManagedChannel channel(Member member) {
		Incarnation current = this.channels.get(member.address());
		if (current != null && current.startedAt() == member.startedAt()) {
			return current.channel();
		}
		Incarnation[] replaced = new Incarnation[1];
		Incarnation chosen = this.channels.compute(member.address(), (address, existing) -> {
			if (existing != null && existing.startedAt() == member.startedAt()) {
				return existing;
			}
			replaced[0] = existing;
			return new Incarnation(member.startedAt(), open(address));
		});
		if (replaced[0] != null) {
			// Graceful: calls already on the old incarnation's channel finish or fail on their own.
			replaced[0].channel().shutdown();
		}
		return chosen.channel();
	}

	private ManagedChannel open(String address) {
		return open(address, this.tls);
	}

	/** A channel to a member, in plaintext or with mutual TLS. */
	static ManagedChannel open(String address, @Nullable PeerTls tls) {
		PeerAddress target = PeerAddress.parse(address, "peer address");
		ChannelCredentials credentials = (tls != null) ? tls.channelCredentials() : InsecureChannelCredentials.create();
		NettyChannelBuilder builder = NettyChannelBuilder.forAddress(target.host(), target.port(), credentials);
		String serverName = (tls != null) ? tls.serverName() : null;
		if (serverName != null) {
			builder.overrideAuthority(serverName);
		}
		return builder.maxInboundMessageSize(16 * 1024 * 1024).build();
	}

	private record Incarnation(long startedAt, ManagedChannel channel) {
	}

	@Override
	public void close() {
		List<ManagedChannel> open = this.channels.values().stream().map(Incarnation::channel).toList();
		for (ManagedChannel channel : open) {
			channel.shutdown();
		}
		for (ManagedChannel channel : open) {
			try {
				if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
					channel.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				channel.shutdownNow();
			}
		}
	}

}
