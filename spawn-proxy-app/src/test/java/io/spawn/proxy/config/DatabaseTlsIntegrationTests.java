package io.spawn.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The proxy's DataSource against a real PostgreSQL server with TLS on (a certificate for {@code localhost} signed by
 * a test authority, made with openssl): each mode does what its name says, checked from the server's side in
 * {@code pg_stat_ssl}.
 */
class DatabaseTlsIntegrationTests {

	@TempDir
	static Path certificates;

	private static EmbeddedPostgres postgres;

	private static Path authority;

	private static Path otherAuthority;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class, DataSourceConfiguration.class);

	@BeforeAll
	static void startPostgresWithTls() throws Exception {
		authority = authority("ca");
		otherAuthority = authority("other-ca");
		Path key = certificates.resolve("server.key");
		Path request = certificates.resolve("server.csr");
		Path certificate = certificates.resolve("server.crt");
		Path extensions = Files.writeString(certificates.resolve("server.ext"), "subjectAltName=DNS:localhost\n");
		openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", request.toString(), "-subj",
				"/CN=localhost");
		openssl("x509", "-req", "-in", request.toString(), "-CA", authority.toString(), "-CAkey",
				certificates.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2", "-extfile",
				extensions.toString(), "-out", certificate.toString());
		// PostgreSQL refuses a key that others can read.
		Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
		postgres = EmbeddedPostgres.builder()
			.setServerConfig("ssl", "on")
			.setServerConfig("ssl_cert_file", certificate.toString())
			.setServerConfig("ssl_key_file", key.toString())
			.start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void requireEncryptsTheConnection() throws SQLException {
		assertThat(connectionUsesTls("localhost", "spawn.proxy.database.ssl.mode=require")).isTrue();
	}

	@Test
	void disableConnectsInPlaintext() throws SQLException {
		assertThat(connectionUsesTls("localhost", "spawn.proxy.database.ssl.mode=disable")).isFalse();
	}

	@Test
	void verifyFullConnectsToAServerWhoseCertificateTheRootSignsAndNamesTheHost() throws SQLException {
		assertThat(connectionUsesTls("localhost", "spawn.proxy.database.ssl.mode=verify-full",
				"spawn.proxy.database.ssl.root-cert=" + authority))
			.isTrue();
	}

	@Test
	void verifyFullRefusesAServerSignedByAnotherAuthority() {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> connectionUsesTls("localhost", "spawn.proxy.database.ssl.mode=verify-full",
					"spawn.proxy.database.ssl.root-cert=" + otherAuthority))
			.havingCause()
			.withMessageContaining("PKIX path building failed");
	}

	@Test
	void verifyFullRefusesAHostTheCertificateDoesNotNameWhileVerifyCaAcceptsIt() throws SQLException {
		assertThat(connectionUsesTls("127.0.0.1", "spawn.proxy.database.ssl.mode=verify-ca",
				"spawn.proxy.database.ssl.root-cert=" + authority))
			.isTrue();
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> connectionUsesTls("127.0.0.1", "spawn.proxy.database.ssl.mode=verify-full",
					"spawn.proxy.database.ssl.root-cert=" + authority))
			.havingCause()
			.withMessageContaining("hostname 127.0.0.1 could not be verified");
	}

	/** Whether the server sees the proxy's connection as TLS; throws when the driver refuses to connect. */
	private boolean connectionUsesTls(String host, String... properties) throws SQLException {
		List<String> values = new ArrayList<>(List.of(properties));
		values.addAll(List.of("spawn.proxy.database.type=postgres", "spawn.proxy.database.host=" + host,
				"spawn.proxy.database.port=" + postgres.getPort(), "spawn.proxy.database.name=postgres",
				"spawn.proxy.database.secret=postgres"));
		SQLException[] failure = new SQLException[1];
		boolean[] tls = new boolean[1];
		this.contextRunner.withPropertyValues(values.toArray(String[]::new)).run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			dataSource.setConnectionTimeout(3_000);
			dataSource.setInitializationFailTimeout(-1);
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
				assertThat(row.next()).isTrue();
				tls[0] = row.getBoolean(1);
			}
			catch (SQLException ex) {
				failure[0] = ex;
			}
		});
		if (failure[0] != null) {
			throw failure[0];
		}
		return tls[0];
	}

	private static Path authority(String name) throws Exception {
		Path certificate = certificates.resolve(name + ".crt");
		openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
				certificates.resolve(name + ".key").toString(), "-out", certificate.toString(), "-days", "2", "-subj",
				"/CN=" + name);
		return certificate;
	}

	private static void openssl(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(certificates.resolve("openssl.log").toFile())
			.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
		assertThat(process.exitValue()).as(() -> "openssl " + String.join(" ", arguments)).isZero();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SpawnProxyProperties.class)
	static class PropertiesConfiguration {

	}

}
