package io.spawn.internal.state.jpa;

import io.spawn.internal.state.StateStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC on the store's hot path (writes, leases, loads), without a JPA {@code EntityManager} per call: one
 * pooled connection, one statement where the dialect allows it. Every failure becomes a
 * {@link StateStoreException} saying what was being done, as in {@link Transactions}.
 */
final class Jdbc {

	private final DataSource dataSource;

	Jdbc(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Runs work on a connection in autocommit mode: each statement is its own transaction. */
	<T> T autocommit(String what, Transactions.SqlWork<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!connection.getAutoCommit()) {
				connection.setAutoCommit(true);
			}
			return work.run(connection);
		}
		catch (SQLException | RuntimeException ex) {
			throw Transactions.translate(what, ex);
		}
	}

	/** Runs work in one transaction, committed when the work returns and rolled back when it throws. */
	<T> T inTransaction(String what, Transactions.SqlWork<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				T result = work.run(connection);
				connection.commit();
				return result;
			}
			catch (SQLException | RuntimeException ex) {
				rollback(connection);
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException | RuntimeException ex) {
			throw Transactions.translate(what, ex);
		}
	}

	/** Whether the database is PostgreSQL (the one dialect with its own statements); anything else runs portable SQL. */
	boolean isPostgres() {
		return autocommit("detection of the database",
				(connection) -> "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName()));
	}

	private static void rollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ignored) {
			// The connection is probably gone; the original failure is what matters.
		}
	}

}
