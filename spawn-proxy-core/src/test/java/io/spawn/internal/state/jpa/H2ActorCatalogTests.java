package io.spawn.internal.state.jpa;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The operations reads on H2.
 */
class H2ActorCatalogTests extends AbstractActorCatalogTests {

	@Override
	HikariDataSource newDatabase() {
		return TestDatabases.h2();
	}

}
