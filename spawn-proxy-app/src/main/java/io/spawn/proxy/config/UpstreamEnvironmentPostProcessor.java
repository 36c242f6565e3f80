package io.spawn.proxy.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Reads the environment variables of upstream Spawn proxies as aliases of this proxy's keys, so that a deployment
 * written for upstream Spawn configures this proxy unchanged. The aliases have the lowest precedence: an explicit
 * {@code spawn.proxy.*} (or {@code logging.*}, {@code server.*}, {@code management.*}) setting from any source wins
 * over them.
 *
 * <p>
 * Some values are translated: upstream's embedded store ({@code PROXY_DATABASE_TYPE=native} or {@code mnesia})
 * becomes the embedded H2 file store, and Elixir log levels become Spring Boot's. Upstream variables that have no
 * meaning here ({@link #IGNORED}) are listed once at startup, by name only, so that nobody wonders why they do
 * nothing.
 */
public final class UpstreamEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the mapped aliases. */
	public static final String PROPERTY_SOURCE_NAME = "spawnUpstreamEnvironmentAliases";

	/** Upstream variable name to the key it sets, values unchanged. */
	static final Map<String, String> ALIASES;

	/** Upstream variable name to the key it sets, through a translation of its value. */
	static final Map<String, String> TRANSLATED_ALIASES;

	/**
	 * Upstream variables that have no meaning for this proxy (clustering by Erlang distribution, NATS, CRDT state
	 * hand-off, supervisor tuning, Unix sockets, the Elixir HTTP client): they are ignored.
	 */
	static final Set<String> IGNORED = Set.of("PROXY_APP_NAME", "PROXY_DEPLOYMENT_MODE",
			"PROXY_CLUSTER_GOSSIP_BROADCAST_ONLY", "PROXY_CLUSTER_GOSSIP_REUSE_ADDRESS",
			"PROXY_CLUSTER_GOSSIP_MULTICAST_ADDRESS", "PROXY_HEARTBEAT_INTERVAL", "NODE_COOKIE", "NODE_IP",
			"POD_NAMESPACE", "RELEASE_NAME", "PROXY_UDS_ENABLED",
			"PROXY_UDS_ADDRESS", "PROXY_HTTP_NUM_ACCEPTORS", "PROXY_HTTP_CLIENT_ADAPTER",
			"PROXY_HTTP_CLIENT_ADAPTER_POOL_SCHEDULERS", "PROXY_HTTP_CLIENT_ADAPTER_POOL_MAX_IDLE_TIMEOUT",
			"PROXY_GRPC_REFLECTION_ENABLED", "PROXY_GRPC_HTTP_TRANSCODING_ENABLED", "PROXY_GRPC_ACTORS_PROTOS_PATH",
			"PROXY_GRPC_INCLUDE_PROTOS_PATH", "PROXY_GRPC_COMPILED_MODULES_PATH", "PROXY_PROTO_DESCRIPTOR_PATH",
			"SPAWN_CONSOLE_METRICS", "SPAWN_DELAYED_INVOKES", "SPAWN_PUBSUB_ADAPTER", "SPAWN_PUBSUB_NATS_HOSTS",
			"SPAWN_PUBSUB_NATS_TLS", "SPAWN_PUBSUB_NATS_AUTH", "SPAWN_PUBSUB_NATS_AUTH_TYPE",
			"SPAWN_PUBSUB_NATS_AUTH_USER", "SPAWN_PUBSUB_NATS_AUTH_PASS", "SPAWN_PUBSUB_NATS_AUTH_JWT",
			"SPAWN_USE_INTERNAL_NATS", "SPAWN_INTERNAL_NATS_HOSTS", "SPAWN_INTERNAL_NATS_TLS", "SPAWN_INTERNAL_NATS_AUTH",
			"SPAWN_INTERNAL_NATS_AUTH_TYPE", "SPAWN_INTERNAL_NATS_AUTH_USER", "SPAWN_INTERNAL_NATS_AUTH_PASS",
			"SPAWN_INTERNAL_NATS_AUTH_JWT", "SPAWN_INTERNAL_NATS_BACKOFF_PERIOD", "SPAWN_STATE_HANDOFF_SYNC_INTERVAL",
			"SPAWN_CRDT_SHIP_INTERVAL", "SPAWN_CRDT_SHIP_DEBOUNCE", "SPAWN_SUPERVISORS_ACTORS_MAX_RESTARTS",
			"SPAWN_SUPERVISORS_ACTORS_MAX_SECONDS", "SPAWN_SUPERVISORS_STATE_HANDOFF_CONTROLLER",
			"SPAWN_SUPERVISORS_STATE_HANDOFF_MANAGER_POOL_SIZE", "SPAWN_SUPERVISORS_STATE_HANDOFF_MANAGER_CALL_TIMEOUT",
			"SPAWN_SUPERVISORS_STATE_HANDOFF_MANAGER_CALL_POOL_MIN",
			"SPAWN_SUPERVISORS_STATE_HANDOFF_MANAGER_CALL_POOL_MAX", "SPAWN_SUPERVISORS_STATE_HANDOFF_MAX_RESTARTS",
			"SPAWN_SUPERVISORS_STATE_HANDOFF_MAX_SECONDS", "ACTORS_GLOBAL_BACKPRESSURE_ENABLED",
			"ACTORS_GLOBAL_BACKPRESSURE_MAX_DEMAND", "ACTORS_GLOBAL_BACKPRESSURE_MIN_DEMAND");

	/** Upstream's names of its embedded (Mnesia) store, served here by the embedded H2 file database. */
	private static final Set<String> EMBEDDED_STORE_NAMES = Set.of("native", "mnesia");

	static {
		Map<String, String> aliases = new LinkedHashMap<>();
		aliases.put("PROXY_ACTOR_SYSTEM_NAME", "spawn.proxy.actor-system");
		aliases.put("PROXY_HTTP_PORT", "spawn.proxy.http.port");
		aliases.put("PROXY_HOST_INTERFACE", "server.address");
		aliases.put("PROXY_GRPC_PORT", "spawn.proxy.grpc.port");
		aliases.put("PROXY_GRPC_SERVER_ENABLED", "spawn.proxy.grpc.enabled");
		aliases.put("USER_FUNCTION_HOST", "spawn.proxy.host.host");
		aliases.put("USER_FUNCTION_PORT", "spawn.proxy.host.port");
		aliases.put("PROXY_HTTP_CLIENT_ADAPTER_POOL_SIZE", "spawn.proxy.host.max-connections");
		aliases.put("PROXY_DATABASE_DATA_DIR", "spawn.proxy.data-dir");
		aliases.put("PROXY_DATABASE_HOST", "spawn.proxy.database.host");
		aliases.put("PROXY_DATABASE_PORT", "spawn.proxy.database.port");
		aliases.put("PROXY_DATABASE_NAME", "spawn.proxy.database.name");
		aliases.put("PROXY_DATABASE_USERNAME", "spawn.proxy.database.username");
		aliases.put("PROXY_DATABASE_SECRET", "spawn.proxy.database.secret");
		aliases.put("PROXY_DATABASE_POOL_SIZE", "spawn.proxy.database.max-pool-size");
		aliases.put("SPAWN_STATESTORE_KEY", "spawn.proxy.state.encryption.key");
		aliases.put("PROXY_HEADLESS_SERVICE", "spawn.proxy.cluster.dns.name");
		aliases.put("PROXY_CLUSTER_POLLING", "spawn.proxy.cluster.dns.polling-interval");
		aliases.put("POD_IP", "spawn.proxy.cluster.advertise-address");
		ALIASES = java.util.Collections.unmodifiableMap(aliases);
		Map<String, String> translated = new LinkedHashMap<>();
		translated.put("PROXY_DATABASE_TYPE", "spawn.proxy.database.type");
		translated.put("SPAWN_PROXY_LOGGER_LEVEL", "logging.level.io.spawn");
		translated.put("SPAWN_DISABLE_METRICS", "management.metrics.enable.spawn");
		translated.put("PROXY_CLUSTER_STRATEGY", "spawn.proxy.cluster.discovery");
		translated.put("PROXY_DATABASE_SSL", "spawn.proxy.database.ssl.mode");
		TRANSLATED_ALIASES = java.util.Collections.unmodifiableMap(translated);
	}

	/** After config data, so that the aliases can go last, behind every other source. */
	private static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 10;

	private final Log logger;

	/**
	 * Creates the post-processor; Spring Boot passes the factory of logs that are written once logging is set up.
	 * @param logs the deferred log factory
	 */
	public UpstreamEnvironmentPostProcessor(DeferredLogFactory logs) {
		this.logger = logs.getLog(UpstreamEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> mapped = new LinkedHashMap<>();
		ALIASES.forEach((variable, key) -> {
			String value = value(environment, variable);
			if (value != null) {
				mapped.put(key, value);
			}
		});
		Map<String, Function<String, @Nullable String>> translations = Map.of("PROXY_DATABASE_TYPE",
				this::databaseType, "SPAWN_PROXY_LOGGER_LEVEL", this::loggerLevel, "SPAWN_DISABLE_METRICS",
				this::metricsEnabled, "PROXY_CLUSTER_STRATEGY", UpstreamEnvironmentPostProcessor::clusterStrategy,
				"PROXY_DATABASE_SSL", this::databaseSsl);
		List<String> ignored = new ArrayList<>();
		TRANSLATED_ALIASES.forEach((variable, key) -> {
			String value = value(environment, variable);
			if (value != null) {
				String translated = translations.get(variable).apply(value);
				if (translated != null) {
					mapped.put(key, translated);
				}
				else {
					ignored.add(variable);
				}
			}
		});
		for (String variable : IGNORED) {
			if (value(environment, variable) != null) {
				ignored.add(variable);
			}
		}
		if (!ignored.isEmpty()) {
			ignored.sort(null);
			this.logger.info("Upstream Spawn variables with no meaning in this proxy are ignored: "
					+ String.join(", ", ignored) + " (see docs/configuration.md)");
		}
		if (!mapped.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, mapped));
		}
	}

	private static @Nullable String value(ConfigurableEnvironment environment, String variable) {
		String value = environment.getProperty(variable);
		return StringUtils.hasText(value) ? value.strip() : null;
	}

	/** Upstream's embedded store names become H2; anything else is left for the binder to accept or refuse. */
	private String databaseType(String value) {
		if (EMBEDDED_STORE_NAMES.contains(value.toLowerCase(Locale.ROOT))) {
			this.logger.warn("PROXY_DATABASE_TYPE=" + value + " (upstream's embedded Mnesia store) is served by this "
					+ "proxy's embedded H2 file database in spawn.proxy.data-dir (PROXY_DATABASE_DATA_DIR); "
					+ "state written by an upstream proxy is not read. Set PROXY_DATABASE_TYPE=h2 to silence this.");
			return "h2";
		}
		return value;
	}

	/** Elixir's levels (debug, info, notice, warning, error, critical, alert, emergency) as Spring Boot's. */
	private String loggerLevel(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "trace" -> "TRACE";
			case "debug" -> "DEBUG";
			case "info", "notice" -> "INFO";
			case "warning", "warn" -> "WARN";
			case "error", "critical", "alert", "emergency" -> "ERROR";
			case "none", "off" -> "OFF";
			default -> {
				this.logger.warn("SPAWN_PROXY_LOGGER_LEVEL=" + value + " is not a log level; the proxy logs at INFO");
				yield "INFO";
			}
		};
	}

	/**
	 * Upstream's {@code kubernetes-dns} (libcluster's DNS strategy on {@code PROXY_HEADLESS_SERVICE}) is this proxy's
	 * dns discovery; its Erlang strategies (gossip, epmd) have no counterpart and are ignored.
	 */
	private static @Nullable String clusterStrategy(String value) {
		return "kubernetes-dns".equalsIgnoreCase(value) ? "dns" : null;
	}

	/**
	 * Upstream's boolean (Ecto's ssl option: TLS without checking the certificate) as a driver mode; anything else
	 * is ignored with a WARN, so the mode stays the default.
	 */
	private @Nullable String databaseSsl(String value) {
		if ("true".equalsIgnoreCase(value)) {
			return "require";
		}
		if ("false".equalsIgnoreCase(value)) {
			return "disable";
		}
		this.logger.warn("PROXY_DATABASE_SSL=" + value + " is neither true nor false and is ignored; set "
				+ "spawn.proxy.database.ssl.mode to choose the TLS mode");
		return null;
	}

	private String metricsEnabled(String value) {
		return Boolean.toString(!"true".equalsIgnoreCase(value));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
