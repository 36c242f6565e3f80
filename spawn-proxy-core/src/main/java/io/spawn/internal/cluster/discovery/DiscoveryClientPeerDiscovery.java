package io.spawn.internal.cluster.discovery;

import io.spawn.internal.cluster.ClusterConfigurationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

/**
 * Candidates from a Spring Cloud {@link DiscoveryClient}: the instances of one service id, as {@code host:port}.
 * A static peer list is a {@link SimpleDiscoveryClient} built by {@link #staticPeers}; Kubernetes sources plug in
 * as their own {@code DiscoveryClient}.
 */
public final class DiscoveryClientPeerDiscovery implements PeerDiscovery {

	/** The service id the members of a static list are registered under. */
	public static final String PEERS_SERVICE = "spawn-peers";

	private final DiscoveryClient client;

	private final String serviceId;

	public DiscoveryClientPeerDiscovery(DiscoveryClient client, String serviceId) {
		this.client = client;
		this.serviceId = serviceId;
	}

	@Override
	public Set<String> peerAddresses() {
		Set<String> addresses = new LinkedHashSet<>();
		for (ServiceInstance instance : this.client.getInstances(this.serviceId)) {
			addresses.add(instance.getHost() + ":" + instance.getPort());
		}
		return addresses;
	}

	/**
	 * A discovery client for a static list of peers.
	 * @param peers every member's peer address, {@code host:port}
	 * @param key the setting the list came from, for messages
	 * @return the client
	 * @throws ClusterConfigurationException when an address is not {@code host:port}
	 */
	public static DiscoveryClient staticPeers(List<String> peers, String key) {
		SimpleDiscoveryProperties properties = new SimpleDiscoveryProperties();
		List<InstanceProperties> instances = peers.stream().map((peer) -> instance(peer, key)).toList();
		properties.setInstances(Map.of(PEERS_SERVICE, instances));
		return new SimpleDiscoveryClient(properties);
	}

	private static InstanceProperties instance(String peer, String key) {
		PeerAddress address = PeerAddress.parse(peer, key);
		InstanceProperties instance = new InstanceProperties();
		instance.setServiceId(PEERS_SERVICE);
		instance.setInstanceId(address.toString());
		instance.setHost(address.host());
		instance.setPort(address.port());
		return instance;
	}

}
