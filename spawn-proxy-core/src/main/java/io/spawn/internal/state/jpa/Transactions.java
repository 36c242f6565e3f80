package io.spawn.internal.state.jpa;

import io.spawn.internal.state.StateStoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * Runs work in a JPA resource-local transaction, with the JDBC connection of its session for the statements
 * that JPA cannot express efficiently (revision-fenced batches, row claiming). Every persistence failure
 * becomes a {@link StateStoreException} saying what was being done.
 */
final class Transactions {

	private final EntityManagerFactory factory;

	Transactions(EntityManagerFactory factory) {
		this.factory = factory;
	}

	<T> T inTransaction(String what, SqlWork<T> work) {
		EntityManager manager = this.factory.createEntityManager();
		EntityTransaction transaction = manager.getTransaction();
		try {
			transaction.begin();
			T result = manager.unwrap(Session.class).doReturningWork(work::run);
			transaction.commit();
			return result;
		}
		catch (StateStoreException ex) {
			rollback(transaction);
			throw ex;
		}
		catch (RuntimeException ex) {
			rollback(transaction);
			throw translate(what, ex);
		}
		finally {
			manager.close();
		}
	}

	<T> T read(String what, Function<EntityManager, T> work) {
		EntityManager manager = this.factory.createEntityManager();
		try {
			return work.apply(manager);
		}
		catch (RuntimeException ex) {
			throw translate(what, ex);
		}
		finally {
			manager.close();
		}
	}

	static StateStoreException translate(String what, Throwable ex) {
		if (ex instanceof StateStoreException stateStoreException) {
			return stateStoreException;
		}
		Throwable cause = ex;
		while (cause.getCause() != null && !(cause instanceof SQLException)) {
			cause = cause.getCause();
		}
		String detail = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName();
		return new StateStoreException(what + " failed: " + detail, ex);
	}

	private static void rollback(EntityTransaction transaction) {
		try {
			if (transaction.isActive()) {
				transaction.rollback();
			}
		}
		catch (RuntimeException ignored) {
			// The connection is probably gone; the original failure is what matters.
		}
	}

	static boolean isUniqueViolation(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * JDBC work inside a transaction.
	 * @param <T> its result
	 */
	@FunctionalInterface
	interface SqlWork<T> {

		T run(Connection connection) throws SQLException;

	}

}
