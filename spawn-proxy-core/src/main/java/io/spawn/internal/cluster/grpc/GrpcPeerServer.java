package io.spawn.internal.cluster.grpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.internal.cluster.Membership;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.internal.peer.MemberNotice;
import io.spawn.protocol.internal.peer.PeerAck;
import io.spawn.protocol.internal.peer.PeerBroadcast;
import io.spawn.protocol.internal.peer.PeerCall;
import io.spawn.protocol.internal.peer.PeerReply;
import io.spawn.protocol.internal.peer.PeerServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * The peer port: runs calls other members forward here, delivers their broadcasts to the instances active here,
 * and takes their leave notices. A message that does not decode is refused by gRPC before it reaches the runtime;
 * one that decodes but names nothing callable gets the runtime's own answer (ACTOR_NOT_FOUND, INVALID_REQUEST)
 * and changes nothing.
 */
public final class GrpcPeerServer implements AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(GrpcPeerServer.class));

	/** Largest peer message accepted: a call with its payload and metadata. */
	private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

	private final Server server;

	private GrpcPeerServer(Server server) {
		this.server = server;
	}

	/**
	 * Starts listening, with mutual TLS when {@code tls} is given (a client without a certificate it trusts is
	 * refused in the handshake, before any message is read).
	 * @param host the address to bind (null or empty for every interface)
	 * @param port the peer port; 0 for any free one
	 * @param tls the peer TLS material, or null for plaintext
	 * @throws ClusterConfigurationException when the port cannot be bound
	 */
	public static GrpcPeerServer start(@Nullable String host, int port, ActorRuntime runtime, Membership membership,
			@Nullable PeerTls tls) {
		ServerCredentials credentials = (tls != null) ? tls.serverCredentials() : InsecureServerCredentials.create();
		NettyServerBuilder builder = (host == null || host.isBlank()) ? NettyServerBuilder.forPort(port, credentials)
				: NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials);
		Server server = builder.maxInboundMessageSize(MAX_MESSAGE_BYTES)
			.addService(new Service(runtime, membership))
			.build();
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new ClusterConfigurationException("the peer port " + port + " cannot be bound: " + ex.getMessage(),
					"Choose a free port with spawn.proxy.cluster.port, or stop what listens on " + port + ".", ex);
		}
		logger.info(() -> "Peer server of member '" + membership.localNode() + "' listening on port " + server.getPort()
				+ ((tls != null) ? " with mutual TLS" : " in plaintext"));
		return new GrpcPeerServer(server);
	}

	public int port() {
		return this.server.getPort();
	}

	/** Stops taking calls; lets those under way finish for a short while. */
	@Override
	public void close() {
		this.server.shutdown();
		try {
			if (!this.server.awaitTermination(5, TimeUnit.SECONDS)) {
				this.server.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.server.shutdownNow();
		}
	}

	private static final class Service extends PeerServiceGrpc.PeerServiceImplBase {

		private final ActorRuntime runtime;

		private final Membership membership;

		Service(ActorRuntime runtime, Membership membership) {
			this.runtime = runtime;
			this.membership = membership;
		}

		@Override
		public void invoke(PeerCall request, StreamObserver<PeerReply> responses) {
			if (!request.hasRequest()) {
				responses.onNext(PeerMessages.toMessage(InvocationResult.failure(InvocationStatus.INVALID_REQUEST,
						"peer call carries no request", ActorId.getDefaultInstance())));
				responses.onCompleted();
				return;
			}
			try {
				this.runtime.invokeForwarded(PeerMessages.fromMessage(request)).whenComplete((result, error) -> {
					InvocationResult outcome = (result != null) ? result
							: InvocationResult.failure(InvocationStatus.UNAVAILABLE, String.valueOf(error),
									request.getRequest().getActor().getId());
					responses.onNext(PeerMessages.toMessage(outcome));
					responses.onCompleted();
				});
			}
			catch (RuntimeException ex) {
				responses.onError(Status.INTERNAL.withDescription("peer call failed: " + ex.getMessage())
					.asRuntimeException());
			}
		}

		@Override
		public void broadcast(PeerBroadcast request, StreamObserver<PeerAck> responses) {
			if (!request.getSystem().isBlank() && request.hasBroadcast()) {
				this.runtime.deliverBroadcast(request.getSystem(), request.getBroadcast(), request.getCaller(),
						request.getMetadataMap());
			}
			responses.onNext(PeerAck.getDefaultInstance());
			responses.onCompleted();
		}

		@Override
		public void leaving(MemberNotice request, StreamObserver<PeerAck> responses) {
			if (!request.getNodeId().isBlank()) {
				this.membership.memberLeaving(request.getNodeId());
			}
			responses.onNext(PeerAck.getDefaultInstance());
			responses.onCompleted();
		}

	}

}
