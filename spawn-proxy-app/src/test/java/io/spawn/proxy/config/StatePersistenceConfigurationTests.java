package io.spawn.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.state.jpa.PersistenceSettings;
import io.spawn.internal.time.SystemRuntimeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable store is the default, migrated at startup; its settings come from {@code spawn.proxy.*}; a bad key
 * stops startup naming the property; ports supplied by the application replace it.
 */
class StatePersistenceConfigurationTests {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@TempDir
	Path dataDir;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withUserConfiguration(BaseConfiguration.class, DataSourceConfiguration.class,
					StatePersistenceConfiguration.class)
			.withPropertyValues("spawn.proxy.data-dir=" + this.dataDir);
	}

	@Test
	void runsOnTheDurableStoreMigratedAtStartup() {
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(JpaStatePersistence.class);
			JpaStatePersistence persistence = context.getBean(JpaStatePersistence.class);
			assertThat(context.getBean(ActorStateStore.class)).isSameAs(persistence.stateStore());
			assertThat(context.getBean(InvocationScheduler.class)).isSameAs(persistence.scheduler());
			// The tables exist before anything is called: creating the bean ran Spawn's migrations.
			assertThat(appliedMigrations(context.getBean(DataSource.class))).isGreaterThanOrEqualTo(4);
		});
	}

	@Test
	void propertiesReachThePersistenceSettings() {
		contextRunner()
			.withPropertyValues("spawn.proxy.node-id=proxy-a", "spawn.proxy.state.history-retention=3",
					"spawn.proxy.state.lease-duration=40s", "spawn.proxy.state.encryption.key=" + KEY)
			.run((context) -> {
				PersistenceSettings settings = context.getBean(PersistenceSettings.class);
				assertThat(settings.nodeId()).isEqualTo("proxy-a");
				assertThat(settings.historyRetention()).isEqualTo(3);
				assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(40));
				assertThat(settings.encryption().enabled()).isTrue();
			});
	}

	@Test
	void defaultsAreTenRevisionsFifteenSecondLeasesAndNoEncryption() {
		contextRunner().run((context) -> {
			PersistenceSettings settings = context.getBean(PersistenceSettings.class);
			assertThat(settings.historyRetention()).isEqualTo(10);
			assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
			assertThat(settings.encryption().enabled()).isFalse();
		});
	}

	@Test
	void theNodeIdDefaultsToHostnameAndElseToLocal() {
		contextRunner().withPropertyValues("HOSTNAME=spawn-7f9c-x2")
			.run((context) -> assertThat(context.getBean(PersistenceSettings.class).nodeId())
				.isEqualTo("spawn-7f9c-x2"));
		contextRunner().withPropertyValues("HOSTNAME=")
			.run((context) -> assertThat(context.getBean(PersistenceSettings.class).nodeId()).isEqualTo("local"));
	}

	@Test
	void anInvalidEncryptionKeyStopsStartupNamingTheProperty() {
		contextRunner().withPropertyValues("spawn.proxy.state.encryption.key=c2hvcnQ=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidProxyConfigurationException.class)
				.hasMessageContaining("spawn.proxy.state.encryption.key")
				.hasMessageContaining("32 bytes");
		});
		contextRunner().withPropertyValues("spawn.proxy.state.encryption.key=not base64!").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("spawn.proxy.state.encryption.key")
				.hasMessageContaining("base64");
		});
	}

	@Test
	void anInvalidOldKeyStopsStartupNamingOldKeys() {
		contextRunner()
			.withPropertyValues("spawn.proxy.state.encryption.key=" + KEY,
					"spawn.proxy.state.encryption.old-keys[0]=" + KEY, "spawn.proxy.state.encryption.old-keys[1]=xyz")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidProxyConfigurationException.class)
					.hasMessageContaining("spawn.proxy.state.encryption.old-keys");
			});
	}

	@Test
	void oldKeysWithoutACurrentKeyStopStartup() {
		contextRunner().withPropertyValues("spawn.proxy.state.encryption.old-keys=" + KEY).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("spawn.proxy.state.encryption.key");
		});
	}

	@Test
	void anInvalidRetentionOrLeaseStopsStartupNamingTheKey() {
		contextRunner().withPropertyValues("spawn.proxy.state.history-retention=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("spawn.proxy.state.history-retention"));
		contextRunner().withPropertyValues("spawn.proxy.state.lease-duration=0s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("spawn.proxy.state.lease-duration"));
	}

	@Test
	void aDatabaseThatCannotBeMigratedStopsStartup() throws Exception {
		// The data directory is a file, so H2 cannot create its database there.
		Path notADirectory = Files.createFile(this.dataDir.resolve("occupied"));
		contextRunner().withPropertyValues("spawn.proxy.data-dir=" + notADirectory).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("migration of Spawn's tables failed");
		});
	}

	@Test
	void portsOfTheApplicationReplaceTheDurableStore() {
		InMemoryActorStateStore store = new InMemoryActorStateStore();
		contextRunner().withBean(ActorStateStore.class, () -> store)
			.withBean(InvocationScheduler.class, () -> new InMemoryInvocationScheduler(new SystemRuntimeClock()))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(JpaStatePersistence.class);
				assertThat(context.getBean(ActorStateStore.class)).isSameAs(store);
				assertThat(this.dataDir.resolve("spawn.mv.db")).as("no database was opened").doesNotExist();
			});
	}

	@Test
	void replacingOnePortKeepsTheDurableStoreForTheOther() {
		InMemoryActorStateStore store = new InMemoryActorStateStore();
		contextRunner().withBean(ActorStateStore.class, () -> store).run((context) -> {
			assertThat(context.getBean(ActorStateStore.class)).isSameAs(store);
			assertThat(context.getBean(InvocationScheduler.class))
				.isSameAs(context.getBean(JpaStatePersistence.class).scheduler());
		});
	}

	private static int appliedMigrations(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select count(*) from spawn_schema_history where success and version <> '0'")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SpawnProxyProperties.class)
	static class BaseConfiguration {

		@Bean(destroyMethod = "close")
		SystemRuntimeClock runtimeClock() {
			return new SystemRuntimeClock();
		}

	}

}
