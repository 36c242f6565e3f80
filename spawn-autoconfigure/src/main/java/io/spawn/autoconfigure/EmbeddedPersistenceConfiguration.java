package io.spawn.autoconfigure;

import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.state.StateEncryption;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.state.jpa.PersistenceSettings;
import io.spawn.internal.time.RuntimeClock;
import javax.sql.DataSource;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.log.LogAccessor;
import org.springframework.util.ClassUtils;

/**
 * State of the embedded runtime: Spawn's tables in the application's {@link DataSource} when there is one (after
 * the application's own migrations ran), else memory, with a warning that state will not survive a restart.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedPersistenceConfiguration {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(EmbeddedPersistenceConfiguration.class));

	private static final boolean JPA_PRESENT = ClassUtils.isPresent("org.hibernate.SessionFactory", null)
			&& ClassUtils.isPresent("org.flywaydb.core.Flyway", null)
			&& ClassUtils.isPresent("org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean", null);

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	EmbeddedStatePersistence spawnStatePersistence(ObjectProvider<DataSource> dataSource, RuntimeClock clock,
			SpawnProperties properties) {
		SpawnEmbeddedProperties embedded = properties.getEmbedded();
		DataSource database = embedded.isPersistent() ? dataSource.getIfUnique() : null;
		if (database != null && JPA_PRESENT) {
			JpaStatePersistence persistence = JpaStatePersistence.start(database, persistenceSettings(embedded), clock);
			return new EmbeddedStatePersistence(persistence.stateStore(), persistence.scheduler(), true, persistence);
		}
		if (database != null) {
			logger.warn("Spawn found a DataSource but not Hibernate and Flyway on the classpath; actor state is kept in "
					+ "memory and will not survive a restart");
		}
		else {
			logger.warn("Spawn has no DataSource to keep actor state in: state, delayed calls and timers are kept in "
					+ "memory and will not survive a restart. Add a database (for example H2) to keep them");
		}
		return new EmbeddedStatePersistence(new InMemoryActorStateStore(), new InMemoryInvocationScheduler(clock), false,
				() -> {
				});
	}

	/** The durable store's settings from {@code spawn.embedded.node-id} and {@code spawn.embedded.state.*}. */
	static PersistenceSettings persistenceSettings(SpawnEmbeddedProperties embedded) {
		SpawnEmbeddedProperties.State state = embedded.getState();
		PersistenceSettings settings = PersistenceSettings.defaults(nodeId(embedded))
			.withHistoryRetention(state.getHistoryRetention())
			.withLeaseDuration(state.getLeaseDuration())
			.withHistoryTrimInterval(state.getHistoryTrimInterval())
			.withStateTimeToLive(state.getTimeToLive(), state.getPurgeInterval())
			.withCommitSlots(state.getCommitSlots());
		String key = (state.getEncryption().getKey() != null && !state.getEncryption().getKey().isBlank())
				? state.getEncryption().getKey() : System.getenv("SPAWN_STATESTORE_KEY");
		if (key != null && !key.isBlank()) {
			try {
				settings = settings.withEncryption(StateEncryption.of(key, state.getEncryption().getOldKeys()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(
						"spawn.embedded.state.encryption.key (or SPAWN_STATESTORE_KEY) is invalid: " + ex.getMessage(),
						ex);
			}
		}
		return settings;
	}

	static String nodeId(SpawnEmbeddedProperties embedded) {
		if (embedded.getNodeId() != null && !embedded.getNodeId().isBlank()) {
			return embedded.getNodeId();
		}
		String host = System.getenv("HOSTNAME");
		return (host != null && !host.isBlank()) ? host : "local";
	}

}
