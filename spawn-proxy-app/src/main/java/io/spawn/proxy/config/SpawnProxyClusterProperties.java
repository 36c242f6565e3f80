package io.spawn.proxy.config;

import io.spawn.internal.cluster.ClusterSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Replicas of one actor system forming one cluster: each actor runs on one member, calls are forwarded to it.
 * <p>
 * Bound under {@code spawn.proxy.cluster}, as a group of {@link SpawnProxyProperties}.
 */
public class SpawnProxyClusterProperties {

	/**
	 * How this proxy finds the other members: "none" for a single node, "static" for the list in peers,
	 * "kubernetes" for the ready endpoints of the Service in cluster.kubernetes (watched through the API), "dns"
	 * for the records of cluster.dns.name.
	 */
	private Discovery discovery = Discovery.NONE;

	/**
	 * Peer address (host:port) of every member, this one included, for static discovery.
	 */
	private List<String> peers = new ArrayList<>();

	/**
	 * Other actor systems to call, by name: a call to a system that no host registered here goes to one of its
	 * members' peer addresses (the peer port of that system's members, which must run as a cluster).
	 */
	private final Map<String, OtherSystem> systems = new LinkedHashMap<>();

	/**
	 * Port of this member's peer endpoint (internal gRPC, separate from the contract gRPC port).
	 */
	private int port = 9990;

	/**
	 * Address the peer endpoint binds; empty for every interface.
	 */
	private String bindAddress = "";

	/**
	 * Address the other members reach this one at, with kubernetes and dns discovery: they match it against
	 * their candidates. On Kubernetes the pod's IP (the chart sets it from status.podIP; POD_IP is read when this
	 * is empty). Empty: the one address of this host's interfaces; the member refuses to start when there are
	 * several.
	 */
	private String advertiseAddress = "";

	/**
	 * The kubernetes discovery's Service.
	 */
	private final Kubernetes kubernetes = new Kubernetes();

	/**
	 * The dns discovery's name.
	 */
	private final Dns dns = new Dns();

	/**
	 * How often this member records its heartbeat and reads the others'.
	 */
	private Duration heartbeatInterval = ClusterSettings.DEFAULT_HEARTBEAT;

	/**
	 * Age of its last heartbeat after which a member counts as dead and its actors move to the others (once
	 * their leases expired). Keep it shorter than spawn.proxy.state.lease-duration.
	 */
	private Duration memberTimeout = ClusterSettings.DEFAULT_MEMBER_TIMEOUT;

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public void setDiscovery(Discovery discovery) {
		this.discovery = discovery;
	}

	public Map<String, OtherSystem> getSystems() {
		return this.systems;
	}

	public List<String> getPeers() {
		return this.peers;
	}

	public void setPeers(List<String> peers) {
		this.peers = peers;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getBindAddress() {
		return this.bindAddress;
	}

	public void setBindAddress(String bindAddress) {
		this.bindAddress = bindAddress;
	}

	public String getAdvertiseAddress() {
		return this.advertiseAddress;
	}

	public void setAdvertiseAddress(String advertiseAddress) {
		this.advertiseAddress = advertiseAddress;
	}

	public Kubernetes getKubernetes() {
		return this.kubernetes;
	}

	public Dns getDns() {
		return this.dns;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getMemberTimeout() {
		return this.memberTimeout;
	}

	public void setMemberTimeout(Duration memberTimeout) {
		this.memberTimeout = memberTimeout;
	}

	/**
	 * Mutual TLS on the peer endpoint.
	 */
	private final Ssl ssl = new Ssl();

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * Another actor system to call.
	 */
	public static class OtherSystem {

		/**
		 * Peer addresses (host:port) of members of the system. A headless Service's name with the peer port reaches
		 * every member behind it; the next address is tried when one cannot be connected to.
		 */
		private List<String> peers = new ArrayList<>();

		public List<String> getPeers() {
			return this.peers;
		}

		public void setPeers(List<String> peers) {
			this.peers = peers;
		}

	}

	/**
	 * Mutual TLS between the instances of a cluster: each presents the key of an SSL bundle and accepts only
	 * instances whose certificate the bundle's trust material signs.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.pem.* or spring.ssl.bundle.jks.*) whose key and trust
		 * material secure the peer endpoint with mutual TLS. New connections use updated material when the
		 * bundle is reloaded (its reload-on-rebind). Unset: the peer endpoint is plaintext.
		 */
		private @Nullable String bundle;

		/**
		 * Name every instance's certificate carries, checked instead of the address an instance is reached at
		 * (for example the headless Service's name when instances are reached by pod IP). Unset: the address.
		 */
		private @Nullable String serverName;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public @Nullable String getServerName() {
			return this.serverName;
		}

		public void setServerName(@Nullable String serverName) {
			this.serverName = serverName;
		}

	}


	/**
	 * Where kubernetes discovery finds the members: the ready endpoints of a (headless) Service, watched through
	 * the Kubernetes API. Needs get, list and watch on endpointslices in the namespace.
	 */
	public static class Kubernetes {

		/**
		 * Namespace of the Service. Empty: the pod's own namespace.
		 */
		private String namespace = "";

		/**
		 * Name of the Service whose ready endpoints are the members (the chart's peers Service, FULLNAME-peers).
		 */
		private String serviceName = "spawn-peers";

		/**
		 * Name of the peer port among the Service's ports; an endpoint without it is reached on cluster.port.
		 */
		private String portName = "peer";

		public String getNamespace() {
			return this.namespace;
		}

		public void setNamespace(String namespace) {
			this.namespace = namespace;
		}

		public String getServiceName() {
			return this.serviceName;
		}

		public void setServiceName(String serviceName) {
			this.serviceName = serviceName;
		}

		public String getPortName() {
			return this.portName;
		}

		public void setPortName(String portName) {
			this.portName = portName;
		}

	}

	/**
	 * Where dns discovery finds the members: the A and AAAA records of a name, each on cluster.port. Needs no
	 * Kubernetes API access.
	 */
	public static class Dns {

		/**
		 * Name whose records are the members, such as a headless Service's
		 * SERVICE.NAMESPACE.svc.cluster.local.
		 */
		private String name = "";

		/**
		 * How often the name is resolved.
		 */
		private Duration pollingInterval = Duration.ofSeconds(3);

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public Duration getPollingInterval() {
			return this.pollingInterval;
		}

		public void setPollingInterval(Duration pollingInterval) {
			this.pollingInterval = pollingInterval;
		}

	}

	/** How members of a cluster are found. */
	public enum Discovery {

		/** A single node: no cluster. */
		NONE,

		/** Every member listed in spawn.proxy.cluster.peers. */
		STATIC,

		/** The ready endpoints of the system's headless Service, watched through the Kubernetes API. */
		KUBERNETES,

		/** The A and AAAA records of a headless Service's name. */
		DNS

	}

}
