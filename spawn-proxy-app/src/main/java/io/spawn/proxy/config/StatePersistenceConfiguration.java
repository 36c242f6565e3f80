package io.spawn.proxy.config;

import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.StateEncryption;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.state.jpa.PersistenceSettings;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.proxy.metrics.ScheduleLagMeterBinder;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where actor state and scheduled calls are kept: the only place the rest of the proxy learns which
 * {@link ActorStateStore} and {@link InvocationScheduler} it runs on. Everything else depends on these two
 * interfaces alone.
 *
 * <p>
 * By default both come from spawn-proxy-core's durable store ({@link JpaStatePersistence}) on the DataSource of
 * {@link DataSourceConfiguration}: creating it migrates Spawn's tables with Flyway, during the context refresh and
 * so before the web server opens its port, which is why readiness cannot report UP on an unmigrated database.
 * Either port can be replaced by a bean of its type (tests plug in-memory ones); the durable store is opened only
 * while at least one of them is still needed.
 *
 * <p>
 * Shutdown order follows the bean dependencies: the runtime drains and flushes in its lifecycle's stop, then the
 * runtime bean, the ports and the persistence are destroyed (which releases this node's leases and closes its
 * persistence unit), and only then the DataSource and the clock the persistence depends on.
 */
@Configuration(proxyBeanMethods = false)
final class StatePersistenceConfiguration {

	/** The key of the encryption key, as messages name it. */
	static final String KEY_PROPERTY = "spawn.proxy.state.encryption.key";

	static final String OLD_KEYS_PROPERTY = "spawn.proxy.state.encryption.old-keys";

	@Bean
	@Conditional(PortMissingCondition.class)
	PersistenceSettings persistenceSettings(SpawnProxyProperties properties, Environment environment) {
		SpawnProxyStateProperties state = properties.getState();
		if (state.getHistoryRetention() < 1) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.state.history-retention must be at least 1, was " + state.getHistoryRetention(),
					"Set spawn.proxy.state.history-retention to the number of revisions to keep, such as 10.");
		}
		Duration lease = state.getLeaseDuration();
		if (lease.isNegative() || lease.isZero()) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.state.lease-duration must be a positive duration, was " + lease,
					"Set spawn.proxy.state.lease-duration to a positive duration such as 15s.");
		}
		PersistenceSettings settings = PersistenceSettings.defaults(nodeId(properties, environment))
			.withHistoryRetention(state.getHistoryRetention())
			.withLeaseDuration(lease)
			.withEncryption(encryption(state.getEncryption()));
		try {
			return settings.withHistoryTrimInterval(state.getHistoryTrimInterval())
				.withStateTimeToLive(state.getTimeToLive(), state.getPurgeInterval())
				.withCommitSlots(state.getCommitSlots());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidProxyConfigurationException("spawn.proxy.state is invalid: " + ex.getMessage(),
					"Give spawn.proxy.state.history-trim-interval and purge-interval positive durations, "
							+ "commit-slots a value of at least 1, and time-to-live keys of the form "
							+ "[system/actorType] with positive durations.");
		}
	}

	@Bean(destroyMethod = "close")
	@Conditional(PortMissingCondition.class)
	JpaStatePersistence statePersistence(DataSource dataSource, PersistenceSettings settings, RuntimeClock clock) {
		return JpaStatePersistence.start(dataSource, settings, clock);
	}

	@Bean
	@ConditionalOnMissingBean(ActorStateStore.class)
	ActorStateStore actorStateStore(JpaStatePersistence persistence) {
		return persistence.stateStore();
	}

	@Bean
	@ConditionalOnMissingBean(InvocationScheduler.class)
	InvocationScheduler invocationScheduler(JpaStatePersistence persistence) {
		return persistence.scheduler();
	}

	@Bean
	ScheduleLagMeterBinder scheduleLagMeterBinder(ObjectProvider<JpaStatePersistence> persistence) {
		return new ScheduleLagMeterBinder(() -> {
			JpaStatePersistence current = persistence.getIfAvailable();
			return (current != null) ? current.scheduleLagMillis() : null;
		});
	}

	/** The node id: {@code spawn.proxy.node-id}, else HOSTNAME (the pod's name on Kubernetes), else "local". */
	static String nodeId(SpawnProxyProperties properties, Environment environment) {
		if (StringUtils.hasText(properties.getNodeId())) {
			return properties.getNodeId().strip();
		}
		String hostname = environment.getProperty("HOSTNAME");
		return StringUtils.hasText(hostname) ? hostname.strip() : "local";
	}

	static StateEncryption encryption(SpawnProxyStateProperties.Encryption encryption) {
		String key = encryption.getKey();
		List<String> oldKeys = encryption.getOldKeys().stream().filter(StringUtils::hasText).toList();
		if (!StringUtils.hasText(key)) {
			if (!oldKeys.isEmpty()) {
				throw new InvalidProxyConfigurationException(
						OLD_KEYS_PROPERTY + " is set but " + KEY_PROPERTY + " is not; old keys only serve to read "
								+ "state while it is rewritten with a current key",
						"Set " + KEY_PROPERTY + " (SPAWN_STATESTORE_KEY) to the current key, or remove "
								+ OLD_KEYS_PROPERTY + ".");
			}
			return StateEncryption.none();
		}
		try {
			StateEncryption.of(key, List.of());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidProxyConfigurationException(
					KEY_PROPERTY + " (SPAWN_STATESTORE_KEY) is not a usable key: " + ex.getMessage(),
					"Set " + KEY_PROPERTY + " to the base64 encoding of 32 random bytes, for example the output of "
							+ "'openssl rand -base64 32'.");
		}
		try {
			return StateEncryption.of(key, oldKeys);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidProxyConfigurationException(
					OLD_KEYS_PROPERTY + " holds a key that is not usable: " + ex.getMessage(),
					"Make every entry of " + OLD_KEYS_PROPERTY + " the base64 encoding of a 32-byte key.");
		}
	}

	/** Matches while at least one of the two ports has no bean of the application's own. */
	static final class PortMissingCondition extends AnyNestedCondition {

		PortMissingCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnMissingBean(ActorStateStore.class)
		static final class StateStoreMissing {

		}

		@ConditionalOnMissingBean(InvocationScheduler.class)
		static final class SchedulerMissing {

		}

	}

}
