package io.spawn.proxy.config;

import io.spawn.internal.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
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

	@NestedConfigurationProperty
	private final SpawnProxyGrpcProperties grpc = new SpawnProxyGrpcProperties();

	private final Host host = new Host();

	private final Runtime runtime = new Runtime();

	private final Shutdown shutdown = new Shutdown();

	@NestedConfigurationProperty
	private final SpawnProxyDatabaseProperties database = new SpawnProxyDatabaseProperties();

	@NestedConfigurationProperty
	private final SpawnProxyStateProperties state = new SpawnProxyStateProperties();

	@NestedConfigurationProperty
	private final SpawnProxyClusterProperties cluster = new SpawnProxyClusterProperties();

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

	public SpawnProxyGrpcProperties getGrpc() {
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

	public SpawnProxyDatabaseProperties getDatabase() {
		return this.database;
	}

	public SpawnProxyStateProperties getState() {
		return this.state;
	}

	public SpawnProxyClusterProperties getCluster() {
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

}
