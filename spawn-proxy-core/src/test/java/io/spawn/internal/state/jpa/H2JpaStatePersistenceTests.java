package io.spawn.internal.state.jpa;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Durable state on H2, the embedded default.
 */
class H2JpaStatePersistenceTests extends AbstractJpaStatePersistenceTests {

	@Override
	HikariDataSource newDatabase() {
		return TestDatabases.h2();
	}

}
