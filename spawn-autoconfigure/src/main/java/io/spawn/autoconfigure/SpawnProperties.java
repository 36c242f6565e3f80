package io.spawn.autoconfigure;

import io.spawn.internal.cluster.ClusterSettings;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.state.jpa.PersistenceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of Spawn in an application.
 */
@ConfigurationProperties("spawn")
public class SpawnProperties {

	/**
	 * Whether Spawn is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Where the actor runtime runs: in this application (embedded) or in a sidecar proxy beside it.
	 */
	private Mode mode = Mode.EMBEDDED;

	/**
	 * Name of the actor system the application's actors belong to.
	 */
	private String system = "spawn-system";

	/**
	 * Per-actor overrides of the @Actor settings, by actor name.
	 */
	private final Map<String, ActorProperties> actors = new LinkedHashMap<>();

	private final Embedded embedded = new Embedded();

	private final Sidecar sidecar = new Sidecar();

	private final Rest rest = new Rest();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public String getSystem() {
		return this.system;
	}

	public void setSystem(String system) {
		this.system = system;
	}

	public Map<String, ActorProperties> getActors() {
		return this.actors;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public Sidecar getSidecar() {
		return this.sidecar;
	}

	public Rest getRest() {
		return this.rest;
	}

	/**
	 * REST routes to actions.
	 */
	public static class Rest {

		/**
		 * Whether actions are exposed as HTTP routes (from these routes and from @Rest annotations).
		 */
		private boolean enabled = true;

		/**
		 * Routes to actions, each with an HTTP method, a path template, an actor and an action.
		 */
		private List<Route> routes = new java.util.ArrayList<>();

		/**
		 * Largest request body a REST route accepts; a larger one is refused with 413, from its Content-Length
		 * before it is read.
		 */
		private DataSize maxRequestSize = DataSize.ofMegabytes(4);

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<Route> getRoutes() {
			return this.routes;
		}

		public void setRoutes(List<Route> routes) {
			this.routes = routes;
		}

	}

	/**
	 * One REST route to an action.
	 */
	public static class Route {

		/**
		 * HTTP method of the route.
		 */
		private String method = "POST";

		/**
		 * Path template, such as /counters/{id}/increment.
		 */
		private @Nullable String path;

		/**
		 * Name of the actor the route calls.
		 */
		private @Nullable String actor;

		/**
		 * Name of the action the route calls.
		 */
		private @Nullable String action;

		/**
		 * Path variable holding the instance id of an UNNAMED actor.
		 */
		private String idVariable = "id";

		public String getMethod() {
			return this.method;
		}

		public void setMethod(String method) {
			this.method = method;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable String getActor() {
			return this.actor;
		}

		public void setActor(@Nullable String actor) {
			this.actor = actor;
		}

		public @Nullable String getAction() {
			return this.action;
		}

		public void setAction(@Nullable String action) {
			this.action = action;
		}

		public String getIdVariable() {
			return this.idVariable;
		}

		public void setIdVariable(String idVariable) {
			this.idVariable = idVariable;
		}

	}

	/**
	 * Where the actor runtime runs.
	 */
	public enum Mode {

		/** In this application, with an in-process host: a monolith. */
		EMBEDDED,

		/** In a spawn-proxy sidecar that calls this application over HTTP. */
		SIDECAR

	}

	/**
	 * Overrides of one actor's @Actor settings; unset values keep the annotation's.
	 */
	public static class ActorProperties {

		/**
		 * Whether the actor's state is persisted.
		 */
		private @Nullable Boolean stateful;

		/**
		 * Idle time before the actor is passivated.
		 */
		private @Nullable Duration idleTimeout;

		/**
		 * Longest time a changed state waits before it is persisted.
		 */
		private @Nullable Duration snapshotInterval;

		/**
		 * Whether every state change is committed before the call returns.
		 */
		private @Nullable Boolean writeThrough;

		/**
		 * Fewest workers of a pooled actor.
		 */
		private @Nullable Integer minPoolSize;

		/**
		 * Most concurrent workers of a pooled actor.
		 */
		private @Nullable Integer maxPoolSize;

		/**
		 * Extra tags of the actor.
		 */
		private final Map<String, String> tags = new LinkedHashMap<>();

		public @Nullable Boolean getStateful() {
			return this.stateful;
		}

		public void setStateful(@Nullable Boolean stateful) {
			this.stateful = stateful;
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(@Nullable Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public @Nullable Duration getSnapshotInterval() {
			return this.snapshotInterval;
		}

		public void setSnapshotInterval(@Nullable Duration snapshotInterval) {
			this.snapshotInterval = snapshotInterval;
		}

		public @Nullable Boolean getWriteThrough() {
			return this.writeThrough;
		}

		public void setWriteThrough(@Nullable Boolean writeThrough) {
			this.writeThrough = writeThrough;
		}

		public @Nullable Integer getMinPoolSize() {
			return this.minPoolSize;
		}

		public void setMinPoolSize(@Nullable Integer minPoolSize) {
			this.minPoolSize = minPoolSize;
		}

		public @Nullable Integer getMaxPoolSize() {
			return this.maxPoolSize;
		}

		public void setMaxPoolSize(@Nullable Integer maxPoolSize) {
			this.maxPoolSize = maxPoolSize;
		}

		public Map<String, String> getTags() {
			return this.tags;
		}

	}

	/**
	 * Settings of the embedded runtime, in the same groups and names as the proxy's ({@code spawn.proxy.runtime},
	 * {@code .state}, {@code .shutdown}, {@code .cluster}).
	 */
	public static class Embedded {

		/**
		 * Identity of this instance in actor leases; must differ between instances sharing a database and should
		 * stay the same across restarts of one instance. Defaults to the HOSTNAME environment variable.
		 */
		private @Nullable String nodeId;

		/**
		 * Whether to keep actor state in the application's DataSource when there is one.
		 */
		private boolean persistent = true;

		private final Runtime runtime = new Runtime();

		private final State state = new State();

		private final Shutdown shutdown = new Shutdown();

		private final Cluster cluster = new Cluster();

		public @Nullable String getNodeId() {
			return this.nodeId;
		}

		public void setNodeId(@Nullable String nodeId) {
			this.nodeId = nodeId;
		}

		public boolean isPersistent() {
			return this.persistent;
		}

		public void setPersistent(boolean persistent) {
			this.persistent = persistent;
		}

		public Runtime getRuntime() {
			return this.runtime;
		}

		public State getState() {
			return this.state;
		}

		public Shutdown getShutdown() {
			return this.shutdown;
		}

		public Cluster getCluster() {
			return this.cluster;
		}

	}

	/**
	 * Defaults and limits of the embedded actor runtime. Settings an actor leaves unset take these values.
	 */
	public static class Runtime {

		/**
		 * Idle time after which an actor is passivated, when the actor sets none.
		 */
		private Duration idleTimeout = RuntimeSettings.DEFAULT_IDLE_TIMEOUT;

		/**
		 * Delay within which a changed state is persisted (write-behind), when the actor sets none.
		 */
		private Duration snapshotInterval = RuntimeSettings.DEFAULT_SNAPSHOT_INTERVAL;

		/**
		 * Deadline of a call without its own timeout.
		 */
		private Duration callTimeout = RuntimeSettings.DEFAULT_CALL_TIMEOUT;

		/**
		 * Queued calls per actor (per pool) beyond which new calls are refused.
		 */
		private int mailboxCapacity = RuntimeSettings.DEFAULT_MAILBOX_CAPACITY;

		/**
		 * Activated actors beyond which the least recently used ones are passivated.
		 */
		private int maxActivations = RuntimeSettings.DEFAULT_MAX_ACTIVATIONS;

		/**
		 * Concurrent workers of a POOLED actor that sets no maximum pool size.
		 */
		private int maxPoolSize = RuntimeSettings.DEFAULT_MAX_POOL_SIZE;

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getSnapshotInterval() {
			return this.snapshotInterval;
		}

		public void setSnapshotInterval(Duration snapshotInterval) {
			this.snapshotInterval = snapshotInterval;
		}

		public Duration getCallTimeout() {
			return this.callTimeout;
		}

		public void setCallTimeout(Duration callTimeout) {
			this.callTimeout = callTimeout;
		}

		public int getMailboxCapacity() {
			return this.mailboxCapacity;
		}

		public void setMailboxCapacity(int mailboxCapacity) {
			this.mailboxCapacity = mailboxCapacity;
		}

		public int getMaxActivations() {
			return this.maxActivations;
		}

		public void setMaxActivations(int maxActivations) {
			this.maxActivations = maxActivations;
		}

		public int getMaxPoolSize() {
			return this.maxPoolSize;
		}

		public void setMaxPoolSize(int maxPoolSize) {
			this.maxPoolSize = maxPoolSize;
		}

	}

	/**
	 * Persisted actor state of the embedded runtime, kept with Spawn's own tables in the application's DataSource.
	 */
	public static class State {

		/**
		 * Revisions of each actor's state kept for point-in-time restore, at least 1.
		 */
		private int historyRetention = PersistenceSettings.DEFAULT_HISTORY_RETENTION;

		/**
		 * How often history revisions beyond the retention are deleted, in the background.
		 */
		private Duration historyTrimInterval = PersistenceSettings.DEFAULT_HISTORY_TRIM_INTERVAL;

		/**
		 * How long an instance's lease on an actor lasts without renewal; renewed every third of it. Members of a
		 * cluster take over a dead member's actors once it expired.
		 */
		private Duration leaseDuration = PersistenceSettings.DEFAULT_LEASE_DURATION;

		/**
		 * Per actor type, keyed "system/actorType" (in brackets in a key, such as time-to-live.[shop/cart]=7d): how
		 * long a state may stay neither written nor leased before it is purged with its history. Empty purges
		 * nothing.
		 */
		private Map<String, Duration> timeToLive = new LinkedHashMap<>();

		/**
		 * How often expired state is looked for when a time-to-live is set.
		 */
		private Duration purgeInterval = PersistenceSettings.DEFAULT_PURGE_INTERVAL;

		/**
		 * How many group commits may run at once, each on its own database connection; size the connection pool
		 * for them.
		 */
		private int commitSlots = PersistenceSettings.DEFAULT_COMMIT_SLOTS;

		private final Encryption encryption = new Encryption();

		public int getHistoryRetention() {
			return this.historyRetention;
		}

		public void setHistoryRetention(int historyRetention) {
			this.historyRetention = historyRetention;
		}

		public Duration getHistoryTrimInterval() {
			return this.historyTrimInterval;
		}

		public void setHistoryTrimInterval(Duration historyTrimInterval) {
			this.historyTrimInterval = historyTrimInterval;
		}

		public Duration getLeaseDuration() {
			return this.leaseDuration;
		}

		public void setLeaseDuration(Duration leaseDuration) {
			this.leaseDuration = leaseDuration;
		}

		public Map<String, Duration> getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Map<String, Duration> timeToLive) {
			this.timeToLive = timeToLive;
		}

		public Duration getPurgeInterval() {
			return this.purgeInterval;
		}

		public void setPurgeInterval(Duration purgeInterval) {
			this.purgeInterval = purgeInterval;
		}

		public int getCommitSlots() {
			return this.commitSlots;
		}

		public void setCommitSlots(int commitSlots) {
			this.commitSlots = commitSlots;
		}

		public Encryption getEncryption() {
			return this.encryption;
		}

	}

	/**
	 * Encryption of embedded state at rest.
	 */
	public static class Encryption {

		/**
		 * Base64 of a 32-byte AES-256-GCM key; when set, state bytes are encrypted at rest. Also read from
		 * SPAWN_STATESTORE_KEY.
		 */
		private @Nullable String key;

		/**
		 * Earlier keys (base64, 32 bytes each), still accepted for reading state they encrypted, while it is
		 * rewritten with the current key.
		 */
		private List<String> oldKeys = new ArrayList<>();

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public List<String> getOldKeys() {
			return this.oldKeys;
		}

		public void setOldKeys(List<String> oldKeys) {
			this.oldKeys = oldKeys;
		}

	}

	/**
	 * Graceful shutdown of the embedded runtime.
	 */
	public static class Shutdown {

		/**
		 * Time allowed for queued calls to finish and for every changed state to be persisted when the application
		 * stops.
		 */
		private Duration timeout = RuntimeSettings.DEFAULT_SHUTDOWN_TIMEOUT;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Settings of sidecar mode.
	 */
	public static class Sidecar {

		/**
		 * Base URL of the sidecar proxy's Spawn protocol port.
		 */
		private java.net.URI proxyUrl = java.net.URI.create("http://localhost:9001");

		/**
		 * Address the host endpoint (POST /api/v1/actors/actions) binds to; loopback keeps it private to the pod.
		 */
		private String hostAddress = "127.0.0.1";

		/**
		 * Port of the host endpoint the proxy calls; 0 picks a free port.
		 */
		private int hostPort = 8090;

		/**
		 * Largest invocation the host endpoint accepts, in bytes.
		 */
		private int maxRequestBytes = 4 * 1024 * 1024;

		/**
		 * Time to open a connection to the proxy.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Deadline of a call to the proxy without its own timeout.
		 */
		private Duration callTimeout = Duration.ofSeconds(30);

		/**
		 * First wait between registration attempts; doubles up to the maximum.
		 */
		private Duration registrationBackoff = Duration.ofMillis(200);

		/**
		 * Longest wait between registration attempts.
		 */
		private Duration registrationMaxBackoff = Duration.ofSeconds(5);

		/**
		 * How often to register again after the first registration, so that a restarted proxy learns the actors;
		 * 0 to register only once.
		 */
		private Duration reregistrationInterval = Duration.ofSeconds(15);

		/**
		 * Protobuf descriptor sets (such as classpath:contracts.pb, written by protoc --descriptor_set_out
		 * --include_imports) of the application's actor contracts, sent to the proxy with the registration so that
		 * it serves them as gRPC and HTTP/JSON endpoints.
		 */
		private List<Resource> contracts = new ArrayList<>();

		/**
		 * Bearer token sent on every request to the proxy and required on every call of the proxy to the host
		 * endpoint; the same value as the proxy's spawn.proxy.security.token. Unset sends and requires none.
		 */
		private @Nullable String token;

		/**
		 * File holding the bearer token (such as a mounted Kubernetes Secret), read again when it changes. Exclusive
		 * with token.
		 */
		private @Nullable Path tokenFile;

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable Path getTokenFile() {
			return this.tokenFile;
		}

		public void setTokenFile(@Nullable Path tokenFile) {
			this.tokenFile = tokenFile;
		}

		public List<Resource> getContracts() {
			return this.contracts;
		}

		public void setContracts(List<Resource> contracts) {
			this.contracts = contracts;
		}

		public Duration getReregistrationInterval() {
			return this.reregistrationInterval;
		}

		public void setReregistrationInterval(Duration reregistrationInterval) {
			this.reregistrationInterval = reregistrationInterval;
		}

		public java.net.URI getProxyUrl() {
			return this.proxyUrl;
		}

		public void setProxyUrl(java.net.URI proxyUrl) {
			this.proxyUrl = proxyUrl;
		}

		public String getHostAddress() {
			return this.hostAddress;
		}

		public void setHostAddress(String hostAddress) {
			this.hostAddress = hostAddress;
		}

		public int getHostPort() {
			return this.hostPort;
		}

		public void setHostPort(int hostPort) {
			this.hostPort = hostPort;
		}

		public int getMaxRequestBytes() {
			return this.maxRequestBytes;
		}

		public void setMaxRequestBytes(int maxRequestBytes) {
			this.maxRequestBytes = maxRequestBytes;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getCallTimeout() {
			return this.callTimeout;
		}

		public void setCallTimeout(Duration callTimeout) {
			this.callTimeout = callTimeout;
		}

		public Duration getRegistrationBackoff() {
			return this.registrationBackoff;
		}

		public void setRegistrationBackoff(Duration registrationBackoff) {
			this.registrationBackoff = registrationBackoff;
		}

		public Duration getRegistrationMaxBackoff() {
			return this.registrationMaxBackoff;
		}

		public void setRegistrationMaxBackoff(Duration registrationMaxBackoff) {
			this.registrationMaxBackoff = registrationMaxBackoff;
		}

	}

	/**
	 * Several instances of this application forming one actor system (the same shape as the proxy's
	 * spawn.proxy.cluster group): each actor runs in one instance, calls are forwarded to it.
	 */
	public static class Cluster {

		/**
		 * How this instance finds the others: "none" for a single instance, "static" for the list in peers,
		 * "kubernetes" for the ready endpoints of the Service in cluster.kubernetes (watched through the API; needs
		 * io.fabric8:kubernetes-client on the class path), "dns" for the records of cluster.dns.name.
		 */
		private Discovery discovery = Discovery.NONE;

		/**
		 * Peer address (host:port) of every instance, this one included, for static discovery.
		 */
		private List<String> peers = new ArrayList<>();

		/**
		 * Port of this instance's peer endpoint (internal gRPC).
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
		 * How often this instance records its heartbeat and reads the others'.
		 */
		private Duration heartbeatInterval = ClusterSettings.DEFAULT_HEARTBEAT;

		/**
		 * Age of its last heartbeat after which an instance counts as dead. Keep it shorter than the lease
		 * duration.
		 */
		private Duration memberTimeout = ClusterSettings.DEFAULT_MEMBER_TIMEOUT;

		public Discovery getDiscovery() {
			return this.discovery;
		}

		public void setDiscovery(Discovery discovery) {
			this.discovery = discovery;
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

	/** How instances of a cluster are found. */
	public enum Discovery {

		/** A single instance. */
		NONE,

		/** Every instance listed in spawn.embedded.cluster.peers. */
		STATIC,

		/** The ready endpoints of a headless Service, watched through the Kubernetes API. */
		KUBERNETES,

		/** The A and AAAA records of a headless Service's name. */
		DNS

	}

}
