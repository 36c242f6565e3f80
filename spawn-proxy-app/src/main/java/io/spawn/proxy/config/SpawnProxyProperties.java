package io.spawn.proxy.config;

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
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the sidecar proxy. Each key can also be set through the environment variable upstream Spawn
 * proxies read (named in the key's description); an explicit {@code spawn.proxy.*} setting wins over it.
 */
@ConfigurationProperties("spawn.proxy")
public class SpawnProxyProperties {

	/**
	 * Name of the actor system this proxy serves, used when a registration names no system. Also read from
	 * PROXY_ACTOR_SYSTEM_NAME.
	 */
	private String actorSystem = "spawn-system";

	/**
	 * Directory for the proxy's local data, such as the embedded H2 database.
	 */
	private Path dataDir = Path.of("./data");

	/**
	 * Identity of this proxy in actor leases and schedule claims; when unset, the HOSTNAME environment variable
	 * (the pod name on Kubernetes), else "local". Must differ between replicas that share a database and stay the
	 * same across restarts of one replica.
	 */
	private @Nullable String nodeId;

	private final Http http = new Http();

	private final Grpc grpc = new Grpc();

	private final Host host = new Host();

	private final Runtime runtime = new Runtime();

	private final Shutdown shutdown = new Shutdown();

	private final Database database = new Database();

	private final State state = new State();

	private final Cluster cluster = new Cluster();

	private final Security security = new Security();

	private final Operations operations = new Operations();

	private final Dashboard dashboard = new Dashboard();

	public String getActorSystem() {
		return this.actorSystem;
	}

	public void setActorSystem(String actorSystem) {
		this.actorSystem = actorSystem;
	}

	public Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(Path dataDir) {
		this.dataDir = dataDir;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public Http getHttp() {
		return this.http;
	}

	public Grpc getGrpc() {
		return this.grpc;
	}

	public Host getHost() {
		return this.host;
	}

	public Runtime getRuntime() {
		return this.runtime;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Database getDatabase() {
		return this.database;
	}

	public State getState() {
		return this.state;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	public Security getSecurity() {
		return this.security;
	}

	public Operations getOperations() {
		return this.operations;
	}

	public Dashboard getDashboard() {
		return this.dashboard;
	}

	/**
	 * The protocol endpoint that callers and hosts reach.
	 */
	public static class Http {

		/**
		 * Port of the protocol endpoint (and of actuator). Also read from PROXY_HTTP_PORT.
		 */
		private int port = 9001;

		/**
		 * Largest request body accepted; larger bodies are refused with 413 before they are read.
		 */
		private DataSize maxRequestSize = DataSize.ofMegabytes(4);

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

	}

	/**
	 * Contract-first endpoints: users' {@code .proto} services carrying {@code option (spawn.actors.actor)}, served
	 * over gRPC and, from their {@code google.api.http} rules, as HTTP/JSON on the protocol port.
	 */
	public static class Grpc {

		/**
		 * Whether to serve actor contracts over gRPC (with reflection and health) and HTTP/JSON.
		 */
		private boolean enabled = true;

		/**
		 * Port of the gRPC server.
		 */
		private int port = 9980;

		/**
		 * Directory of protobuf FileDescriptorSet files (*.pb, *.desc, *.protoset) holding the actor contracts;
		 * a missing directory means no contracts.
		 */
		private Path descriptorsDir = Path.of("./descriptors");

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public Path getDescriptorsDir() {
			return this.descriptorsDir;
		}

		public void setDescriptorsDir(Path descriptorsDir) {
			this.descriptorsDir = descriptorsDir;
		}

	}

	/**
	 * Where the user's application (the host) runs its actions.
	 */
	public static class Host {

		/**
		 * Host name or address of the user's application. Also read from USER_FUNCTION_HOST.
		 */
		private String host = "localhost";

		/**
		 * Port of the user's application. Also read from USER_FUNCTION_PORT.
		 */
		private int port = 8090;

		/**
		 * Time allowed to open a connection to the user's application.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Largest number of open connections to the user's application, which also bounds the host calls in
		 * flight.
		 */
		private int maxConnections = 256;

		/**
		 * Largest answer accepted from the user's application; a larger one fails the call.
		 */
		private DataSize maxResponseSize = DataSize.ofMegabytes(16);

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public DataSize getMaxResponseSize() {
			return this.maxResponseSize;
		}

		public void setMaxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
		}

	}

	/**
	 * Defaults and limits of the actor runtime. Timeouts an actor's registration leaves unset take these values.
	 */
	public static class Runtime {

		/**
		 * Idle time after which an actor is passivated, when its registration sets none.
		 */
		private Duration idleTimeout = RuntimeSettings.DEFAULT_IDLE_TIMEOUT;

		/**
		 * Delay within which a changed state is persisted (write-behind), when the registration sets none.
		 */
		private Duration snapshotInterval = RuntimeSettings.DEFAULT_SNAPSHOT_INTERVAL;

		/**
		 * Deadline of a synchronous call that carries no request-timeout metadata.
		 */
		private Duration callTimeout = RuntimeSettings.DEFAULT_CALL_TIMEOUT;

		/**
		 * Queued calls per actor (per pool) beyond which new calls are refused with 429.
		 */
		private int mailboxCapacity = RuntimeSettings.DEFAULT_MAILBOX_CAPACITY;

		/**
		 * Activated actors beyond which the least recently used ones are passivated.
		 */
		private int maxActivations = RuntimeSettings.DEFAULT_MAX_ACTIVATIONS;

		/**
		 * Concurrent workers of a POOLED actor whose registration sets no max_pool_size.
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
	 * The operations API: the {@code spawnactors} and {@code spawntimers} actuator endpoints (docs/operations.md).
	 */
	public static class Operations {

		/**
		 * Whether to offer the operations endpoints. They are served only where actuator exposes them
		 * ({@code management.endpoints.web.exposure.include}).
		 */
		private boolean enabled = true;

		/**
		 * Whether the write operations (restore a revision, cancel a schedule) are allowed when Spring Security is
		 * not on the classpath. With Spring Security, the ADMIN role decides and this is not read.
		 */
		private boolean writeEnabled = false;

		/**
		 * Time a restore may take before the operation answers 503.
		 */
		private Duration writeTimeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isWriteEnabled() {
			return this.writeEnabled;
		}

		public void setWriteEnabled(boolean writeEnabled) {
			this.writeEnabled = writeEnabled;
		}

		public Duration getWriteTimeout() {
			return this.writeTimeout;
		}

		public void setWriteTimeout(Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
		}

	}

	/**
	 * The operations dashboard at {@code /spawn/dashboard} (docs/operations.md#dashboard).
	 */
	public static class Dashboard {

		/**
		 * Whether to serve the dashboard's page. It shows what the operations endpoints answer, so they must be
		 * exposed too ({@code spawnactors}, {@code spawntimers}, {@code spawnoverview}).
		 */
		private boolean enabled = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Graceful shutdown.
	 */
	public static class Shutdown {

		/**
		 * Time allowed for queued calls to finish and for every changed state to be persisted when the proxy
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
	 * The database holding actor state and scheduled calls.
	 */
	public static class Database {

		/**
		 * Kind of database: an embedded H2 file database in the data directory, or PostgreSQL. Also read from
		 * PROXY_DATABASE_TYPE.
		 */
		private DatabaseType type = DatabaseType.H2;

		/**
		 * Host of the PostgreSQL server. Also read from PROXY_DATABASE_HOST.
		 */
		private String host = "localhost";

		/**
		 * Port of the PostgreSQL server. Also read from PROXY_DATABASE_PORT.
		 */
		private int port = 5432;

		/**
		 * Name of the PostgreSQL database. Also read from PROXY_DATABASE_NAME.
		 */
		private String name = "spawn";

		/**
		 * Database user; when unset, "postgres" for PostgreSQL and "sa" for H2. Also read from
		 * PROXY_DATABASE_USERNAME.
		 */
		private @Nullable String username;

		/**
		 * Database password. Required for a PostgreSQL server that is not on this machine. Also read from
		 * PROXY_DATABASE_SECRET.
		 */
		private @Nullable String secret;

		/**
		 * Largest number of pooled database connections.
		 */
		private int maxPoolSize = 10;

		public DatabaseType getType() {
			return this.type;
		}

		public void setType(DatabaseType type) {
			this.type = type;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public int getMaxPoolSize() {
			return this.maxPoolSize;
		}

		public void setMaxPoolSize(int maxPoolSize) {
			this.maxPoolSize = maxPoolSize;
		}

	}

	/**
	 * Kinds of database the proxy runs on.
	 */
	public enum DatabaseType {

		/** An embedded H2 file database in the data directory, for a single proxy. */
		H2,

		/** A PostgreSQL server, for production and for several proxies sharing state. */
		POSTGRES

	}

	/**
	 * Persisted actor state, kept with Spawn's own tables in the database.
	 */
	public static class State {

		/**
		 * Revisions of each actor's state kept for point-in-time restore (spawn with a revision), at least 1.
		 */
		private int historyRetention = PersistenceSettings.DEFAULT_HISTORY_RETENTION;

		/**
		 * How long this proxy's lease on an actor lasts without renewal; renewed every third of it. Bounds how
		 * long actors of a replica that died without shutting down stay unavailable to the other replicas.
		 */
		private Duration leaseDuration = PersistenceSettings.DEFAULT_LEASE_DURATION;

		/**
		 * How often history revisions beyond the retention are deleted, in the background.
		 */
		private Duration historyTrimInterval = PersistenceSettings.DEFAULT_HISTORY_TRIM_INTERVAL;

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
		 * How many group commits may run at once, each on its own database connection; size
		 * spawn.proxy.database.max-pool-size for them plus the scheduler, lease renewal and activations.
		 */
		private int commitSlots = PersistenceSettings.DEFAULT_COMMIT_SLOTS;

		private final Encryption encryption = new Encryption();

		public Duration getHistoryTrimInterval() {
			return this.historyTrimInterval;
		}

		public void setHistoryTrimInterval(Duration historyTrimInterval) {
			this.historyTrimInterval = historyTrimInterval;
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

		public int getHistoryRetention() {
			return this.historyRetention;
		}

		public void setHistoryRetention(int historyRetention) {
			this.historyRetention = historyRetention;
		}

		public Duration getLeaseDuration() {
			return this.leaseDuration;
		}

		public void setLeaseDuration(Duration leaseDuration) {
			this.leaseDuration = leaseDuration;
		}

		public Encryption getEncryption() {
			return this.encryption;
		}

	}

	/**
	 * Encryption of state at rest.
	 */
	public static class Encryption {

		/**
		 * Base64 of a 32-byte AES-256-GCM key; when set, state bytes are encrypted at rest. Also read from
		 * SPAWN_STATESTORE_KEY.
		 */
		private @Nullable String key;

		/**
		 * Earlier keys (base64, 32 bytes each), still accepted for reading state they encrypted, while it is
		 * rewritten with the current key. Requires a current key.
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
	 * Replicas of one actor system forming one cluster: each actor runs on one member, calls are forwarded to it.
	 */
	public static class Cluster {

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
	 * Authentication between the proxy and its application. With neither token nor token-file set, the proxy
	 * requires no credentials, as upstream Spawn does.
	 */
	public static class Security {

		/**
		 * Bearer token required in the Authorization header of every protocol, contract HTTP/JSON and contract
		 * gRPC request, and sent on the proxy's calls to the application. Set it to the same value as the
		 * application's spawn.sidecar.token.
		 */
		private @Nullable String token;

		/**
		 * File holding the bearer token (such as a mounted Kubernetes Secret), read again when it changes, so that
		 * a rotated token is accepted without a restart. Exclusive with token.
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
