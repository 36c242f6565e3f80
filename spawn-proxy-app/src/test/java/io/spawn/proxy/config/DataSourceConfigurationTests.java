package io.spawn.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The DataSource: H2 in the data directory by default, PostgreSQL when configured, and never a default password
 * against a remote server.
 */
class DataSourceConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class, DataSourceConfiguration.class);

	@Test
	void withNothingConfiguredUsesAnH2FileDatabaseInTheDataDirectory(@TempDir Path dataDir) {
		this.contextRunner.withPropertyValues("spawn.proxy.data-dir=" + dataDir).run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getJdbcUrl()).isEqualTo("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("spawn")
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
			try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
				statement.execute("create table probe (id int)");
			}
			assertThat(dataDir.resolve("spawn.mv.db")).exists();
		});
	}

	@Test
	void theDefaultDataDirectoryIsDataUnderTheWorkingDirectory() {
		assertThat(DataSourceConfiguration.h2Url(Path.of("./data")))
			.startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("spawn"));
	}

	@Test
	void withPostgresConfiguredUsesPostgres() {
		this.contextRunner
			.withPropertyValues("spawn.proxy.database.type=postgres", "spawn.proxy.database.host=db.internal",
					"spawn.proxy.database.port=5433", "spawn.proxy.database.name=orders",
					"spawn.proxy.database.username=app", "spawn.proxy.database.secret=s3cret")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/orders");
				assertThat(dataSource.getUsername()).isEqualTo("app");
				assertThat(dataSource.getPassword()).isEqualTo("s3cret");
			});
	}

	@Test
	void aLocalPostgresMayRunWithoutAPassword() {
		this.contextRunner.withPropertyValues("spawn.proxy.database.type=postgres").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/spawn");
			assertThat(dataSource.getUsername()).isEqualTo("postgres");
			assertThat(dataSource.getPassword()).isNull();
		});
	}

	@Test
	void refusesToStartAgainstARemotePostgresWithoutAPassword() {
		this.contextRunner
			.withPropertyValues("spawn.proxy.database.type=postgres", "spawn.proxy.database.host=db.internal")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidProxyConfigurationException.class)
					.hasMessageContaining("db.internal")
					.hasMessageContaining("no password");
			});
	}

	@Test
	void theTlsModeAndRootCertificateReachTheDriver(@TempDir Path dir) throws Exception {
		Path ca = java.nio.file.Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
		this.contextRunner
			.withPropertyValues("spawn.proxy.database.type=postgres", "spawn.proxy.database.ssl.mode=verify-full",
					"spawn.proxy.database.ssl.root-cert=" + ca)
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getDataSourceProperties()).containsEntry("sslmode", "verify-full")
					.containsEntry("sslrootcert", ca.toAbsolutePath().toString());
			});
		this.contextRunner.withPropertyValues("spawn.proxy.database.type=postgres").run((context) -> assertThat(
				context.getBean(HikariDataSource.class).getDataSourceProperties())
			.as("the driver's own default, stated")
			.containsEntry("sslmode", "prefer")
			.doesNotContainKey("sslrootcert"));
	}

	@Test
	void aVerifyingModeWithoutARootCertificateStopsTheStartup() {
		this.contextRunner
			.withPropertyValues("spawn.proxy.database.type=postgres", "spawn.proxy.database.ssl.mode=verify-ca")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidProxyConfigurationException.class)
				.hasMessageContaining("spawn.proxy.database.ssl.root-cert is not set"));
	}

	@Test
	void aMissingRootCertificateFileStopsTheStartup(@TempDir Path dir) {
		this.contextRunner
			.withPropertyValues("spawn.proxy.database.type=postgres", "spawn.proxy.database.ssl.mode=require",
					"spawn.proxy.database.ssl.root-cert=" + dir.resolve("absent.crt"))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidProxyConfigurationException.class)
				.hasMessageContaining("absent.crt' is not a readable file"));
	}

	@Test
	void anUnknownTlsModeStopsTheStartupNamingTheKey() {
		this.contextRunner
			.withPropertyValues("spawn.proxy.database.type=postgres", "spawn.proxy.database.ssl.mode=sometimes")
			.run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"spawn.proxy.database.ssl.mode").hasStackTraceContaining("sometimes"));
	}

	@Test
	void bracketsAnIpv6Host() {
		SpawnProxyDatabaseProperties database = new SpawnProxyDatabaseProperties();
		database.setHost("fd00::5");

		assertThat(DataSourceConfiguration.postgresUrl(database)).isEqualTo("jdbc:postgresql://[fd00::5]:5432/spawn");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SpawnProxyProperties.class)
	static class PropertiesConfiguration {

	}

}
