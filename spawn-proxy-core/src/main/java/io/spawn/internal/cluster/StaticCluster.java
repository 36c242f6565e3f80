package io.spawn.internal.cluster;

import io.spawn.internal.cluster.discovery.DiscoveryClientPeerDiscovery;
import io.spawn.internal.cluster.discovery.PeerAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Builds a member of a cluster whose members are listed in configuration ({@code cluster.discovery=static}),
 * checking the list the way both the proxy and the starter's embedded mode need it checked.
 */
public final class StaticCluster {

	private StaticCluster() {
	}

	/**
	 * @param prefix the configuration prefix the settings came from ({@code spawn.proxy} or the starter's), for
	 * messages
	 * @throws ClusterConfigurationException when the list is empty, malformed, or does not contain this member
	 */
	public static ClusterMember member(String prefix, String nodeId, List<String> peers, int port,
			Duration heartbeatInterval, Duration memberTimeout, String bindAddress, DataSource dataSource) {
		String peersKey = prefix + ".cluster.peers";
		String portKey = prefix + ".cluster.port";
		if (peers.isEmpty()) {
			throw new ClusterConfigurationException(prefix + ".cluster.discovery is static but " + peersKey
					+ " is empty", "List every member's peer address (host:port), this one included, in " + peersKey
							+ ", or set " + prefix + ".cluster.discovery=none for a single node.");
		}
		if (port < 1 || port > 65535) {
			throw new ClusterConfigurationException(portKey + " must be a port from 1 to 65535, was " + port,
					"Set " + portKey + " to this member's peer port, as listed in " + peersKey + ".");
		}
		PeerAddress self = null;
		Set<String> seen = new HashSet<>();
		for (String peer : peers) {
			PeerAddress address = PeerAddress.parse(peer, peersKey);
			if (!seen.add(address.toString())) {
				throw new ClusterConfigurationException(peersKey + " lists " + address + " twice",
						"List each member once in " + peersKey + ".");
			}
			if (self == null && address.port() == port && address.isLocalHost()) {
				self = address;
			}
		}
		if (self == null) {
			throw new ClusterConfigurationException(peersKey + " " + peers + " does not contain this member (no entry"
					+ " on this host with port " + port + ")", "Add this member's own peer address to " + peersKey
							+ " (every member lists all members, itself included), or correct " + portKey + ".");
		}
		if (nodeId.isBlank()) {
			throw new ClusterConfigurationException("a member of a cluster needs a node id",
					"Set " + prefix + ".node-id to a name unique among the members.");
		}
		ClusterSettings settings;
		try {
			settings = new ClusterSettings(nodeId, self.toString(), port, heartbeatInterval, memberTimeout);
		}
		catch (IllegalArgumentException ex) {
			throw new ClusterConfigurationException("invalid cluster timing: " + ex.getMessage(), "Set "
					+ prefix + ".cluster.member-timeout to at least twice " + prefix + ".cluster.heartbeat-interval.");
		}
		return ClusterMember.create(settings, new DiscoveryClientPeerDiscovery(
				DiscoveryClientPeerDiscovery.staticPeers(peers, peersKey), DiscoveryClientPeerDiscovery.PEERS_SERVICE),
				dataSource, bindAddress);
	}

}
