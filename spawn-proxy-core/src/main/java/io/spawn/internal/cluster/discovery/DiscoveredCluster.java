package io.spawn.internal.cluster.discovery;

import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.ClusterSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.util.ClassUtils;

/**
 * Builds a member of a cluster whose members are discovered ({@code cluster.discovery=kubernetes} or {@code dns}),
 * checking the settings the way both the proxy and the starter's embedded mode need them checked. The member finds
 * its own peer address first ({@code cluster.advertise-address}, else its one interface address), since the others
 * match the address in its heartbeat against their candidates.
 */
public final class DiscoveredCluster {

	private static final String KUBERNETES_CLIENT = "io.fabric8.kubernetes.client.KubernetesClient";

	private DiscoveredCluster() {
	}

	/** Where the candidates come from. */
	public enum Source {

		/** The ready endpoints of a Service, watched through the Kubernetes API. */
		KUBERNETES,

		/** The addresses a name resolves to. */
		DNS

	}

	/**
	 * @param namespace the Service's namespace; empty for the pod's own
	 * @param serviceName the headless Service whose endpoints are the members
	 * @param portName the name of the peer port in the Service; empty to use {@code cluster.port}
	 */
	public record Kubernetes(String namespace, String serviceName, String portName) {
	}

	/**
	 * @param name the name whose A and AAAA records are the members
	 * @param pollingInterval how often it is resolved
	 */
	public record Dns(String name, Duration pollingInterval) {
	}

	/**
	 * The settings both modes share.
	 * @param prefix the configuration prefix the settings came from ({@code spawn.proxy} or the starter's), for
	 * messages
	 * @param source where the candidates come from
	 * @param nodeId this member's node id
	 * @param port its peer port
	 * @param advertiseAddress the address the others reach it at; empty to take its one interface address
	 * @param bindAddress the address its peer port binds; empty for every interface
	 * @param heartbeatInterval how often it records its heartbeat
	 * @param memberTimeout the heartbeat age after which a member is dead
	 * @param kubernetes the Kubernetes source's settings
	 * @param dns the DNS source's settings
	 */
	public record Settings(String prefix, Source source, String nodeId, int port, String advertiseAddress,
			String bindAddress, Duration heartbeatInterval, Duration memberTimeout, Kubernetes kubernetes, Dns dns) {
	}

	/**
	 * @throws ClusterConfigurationException when a setting is missing or invalid, or this member cannot tell its own
	 * address
	 */
	public static ClusterMember member(Settings settings, DataSource dataSource) {
		return member(settings, dataSource, AdvertisedAddress::interfaceAddresses);
	}

	static ClusterMember member(Settings settings, DataSource dataSource, Supplier<List<InetAddress>> interfaces) {
		ClusterSettings cluster = clusterSettings(settings, interfaces);
		PeerDiscovery discovery = switch (settings.source()) {
			case KUBERNETES -> kubernetes(settings);
			case DNS -> dns(settings);
		};
		return ClusterMember.create(cluster, discovery, dataSource, settings.bindAddress());
	}

	static ClusterSettings clusterSettings(Settings settings, Supplier<List<InetAddress>> interfaces) {
		String prefix = settings.prefix();
		String portKey = prefix + ".cluster.port";
		if (settings.port() < 1 || settings.port() > 65535) {
			throw new ClusterConfigurationException(portKey + " must be a port from 1 to 65535, was "
					+ settings.port(), "Set " + portKey + " to this member's peer port.");
		}
		if (settings.nodeId().isBlank()) {
			throw new ClusterConfigurationException("a member of a cluster needs a node id",
					"Set " + prefix + ".node-id to a name unique among the members (on Kubernetes the pod name).");
		}
		PeerAddress self = AdvertisedAddress.find(prefix, settings.advertiseAddress(), settings.port(), interfaces);
		try {
			return new ClusterSettings(settings.nodeId(), self.toString(), settings.port(),
					settings.heartbeatInterval(), settings.memberTimeout());
		}
		catch (IllegalArgumentException ex) {
			throw new ClusterConfigurationException("invalid cluster timing: " + ex.getMessage(), "Set " + prefix
					+ ".cluster.member-timeout to at least twice " + prefix + ".cluster.heartbeat-interval.");
		}
	}

	private static PeerDiscovery kubernetes(Settings settings) {
		String prefix = settings.prefix();
		if (!ClassUtils.isPresent(KUBERNETES_CLIENT, DiscoveredCluster.class.getClassLoader())) {
			throw new ClusterConfigurationException(prefix + ".cluster.discovery=kubernetes needs the fabric8"
					+ " Kubernetes client, which is not on the class path", "Add io.fabric8:kubernetes-client (the"
							+ " version Spring Cloud's BOM manages) to the application's dependencies, or use "
							+ prefix + ".cluster.discovery=dns, which needs no API access.");
		}
		Kubernetes kubernetes = settings.kubernetes();
		if (kubernetes.serviceName().isBlank()) {
			throw new ClusterConfigurationException(prefix + ".cluster.kubernetes.service-name is empty",
					"Set it to the headless Service whose ready endpoints are the members (the chart's"
							+ " <fullname>-peers).");
		}
		return KubernetesPeerDiscovery.inCluster(prefix, kubernetes.namespace(), kubernetes.serviceName(),
				kubernetes.portName(), settings.port());
	}

	private static PeerDiscovery dns(Settings settings) {
		String prefix = settings.prefix();
		Dns dns = settings.dns();
		if (dns.name().isBlank()) {
			throw new ClusterConfigurationException(prefix + ".cluster.discovery=dns but " + prefix
					+ ".cluster.dns.name is empty", "Set it to the name of the headless Service whose records are"
							+ " the members, for example shop-spawn-peers.shop.svc.cluster.local.");
		}
		if (dns.pollingInterval().isNegative() || dns.pollingInterval().isZero()) {
			throw new ClusterConfigurationException(prefix + ".cluster.dns.polling-interval must be positive, was "
					+ dns.pollingInterval(), "Set it to how often the name is resolved, for example 3s.");
		}
		return new DnsPeerDiscovery(dns.name().strip(), settings.port(), dns.pollingInterval(),
				DnsPeerDiscovery.systemResolver());
	}

}
