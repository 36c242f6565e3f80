package io.spawn.internal.cluster;

import io.spawn.internal.cluster.discovery.PeerDiscovery;
import io.spawn.internal.cluster.grpc.GrpcPeerClient;
import io.spawn.internal.cluster.grpc.GrpcPeerServer;
import io.spawn.internal.cluster.grpc.PeerTls;
import io.spawn.internal.placement.ActorPlacement;
import io.spawn.internal.runtime.ActorRuntime;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * This member's part in its cluster, in the order things happen: {@link #create} builds the membership, the
 * placement and the peer client the runtime is constructed with; {@link #join} opens the peer port and starts
 * heartbeats; {@link #leave} (before the runtime drains) takes this member out of every view so that its actors
 * are placed on the others while it flushes them; {@link #close} (after the drain) stops the peer port.
 */
public final class ClusterMember implements AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(ClusterMember.class));

	private final Membership membership;

	private final RendezvousPlacement placement;

	private final GrpcPeerClient peers;

	private final String bindHost;

	private final AtomicLong handovers = new AtomicLong();

	private volatile @Nullable GrpcPeerServer server;

	private volatile @Nullable PeerTls tls;

	private ClusterMember(Membership membership, String bindHost) {
		this.membership = membership;
		this.placement = new RendezvousPlacement(membership);
		this.peers = new GrpcPeerClient(membership);
		this.bindHost = bindHost;
	}

	/**
	 * @param settings this member's settings
	 * @param discovery where candidates come from
	 * @param dataSource the database shared by the members (the same as the state store's)
	 * @param bindHost the address the peer port binds, empty for every interface
	 */
	public static ClusterMember create(ClusterSettings settings, PeerDiscovery discovery, DataSource dataSource,
			String bindHost) {
		Membership membership = new Membership(settings, discovery, new MemberTable(dataSource),
				System::currentTimeMillis);
		return new ClusterMember(membership, bindHost);
	}

	public ActorPlacement placement() {
		return this.placement;
	}

	public PeerClient peers() {
		return this.peers;
	}

	public Membership membership() {
		return this.membership;
	}

	/**
	 * Secures the peer port and the calls to other members with mutual TLS. Call before {@link #join}.
	 * @param tls this member's key and the trust material of its cluster
	 */
	public void secure(PeerTls tls) {
		if (this.server != null) {
			throw new IllegalStateException("the peer port is already open; secure it before joining");
		}
		this.tls = tls;
		this.peers.secure(tls);
	}

	/** The peer TLS material, or null when the peer port is plaintext. */
	public @Nullable PeerTls tls() {
		return this.tls;
	}

	/** Actors handed over to a new owner since this member joined. */
	public long handovers() {
		return this.handovers.get();
	}

	/**
	 * Opens the peer port, joins and starts heartbeats. From then on, each change of the view hands over the
	 * actors this member no longer owns.
	 * @param runtime the runtime built with {@link #placement()} and {@link #peers()}
	 * @throws ClusterConfigurationException when the port cannot be bound or the node id is taken
	 */
	public void join(ActorRuntime runtime) {
		this.server = GrpcPeerServer.start(this.bindHost, this.membership.settings().port(), runtime,
				this.membership, this.tls);
		this.membership.addListener((view) -> Thread.ofVirtual()
			.name("spawn-handover")
			.start(() -> handOver(runtime, "after the view changed to " + view.nodeIds())));
		try {
			this.membership.start();
			// A call forwarded on a view older than ours can still activate an actor we do not own; look again
			// now and then so that it moves to its owner without waiting for the next change of the view.
			long period = this.membership.settings().memberTimeout().toMillis();
			this.membership.every(period, () -> handOver(runtime, "that were active here but owned elsewhere"));
			runtime.onRegistered((system) -> this.membership.ready());
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private void handOver(ActorRuntime runtime, String why) {
		int moved = runtime.handOverUnowned();
		if (moved > 0) {
			this.handovers.addAndGet(moved);
			logger.info(() -> "Handing over " + moved + " actors " + why);
		}
	}

	/** Leaves the views of the other members; the runtime's drain then places every call on them. */
	public void leave() {
		logger.info(() -> "Member '" + this.membership.localNode() + "' is leaving; its actors move to "
				+ this.membership.view().nodeIds().stream().filter((n) -> !n.equals(this.membership.localNode())).toList());
		this.membership.leave();
		this.peers.announceLeaving(2_000);
	}

	@Override
	public void close() {
		this.membership.close();
		GrpcPeerServer running = this.server;
		if (running != null) {
			running.close();
		}
		this.peers.close();
	}

}
