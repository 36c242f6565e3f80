package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.StaleRevisionException;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.actors.ActorState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Commits snapshot writes of many actors in shared transactions (group commit): writers queue up while a
 * transaction is in flight and the next transaction takes them all, so concurrent durable calls share one
 * commit instead of paying one each. Each write is fenced by the revision its activation holds and by this
 * node's lease; a write that fails either check changes nothing and is reported as stale.
 */
final class GroupCommitter implements AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(GroupCommitter.class));

	private static final String LEASE_HELD = "EXISTS (SELECT 1 FROM spawn_actor_lease l WHERE l.actor_system = ?"
			+ " AND l.actor_name = ? AND l.owner = ? AND l.expires_at > ?)";

	private static final String INSERT = "INSERT INTO spawn_actor_snapshot (actor_system, actor_name, parent,"
			+ " revision, state_type, state_bytes, tags, key_id, status, node, created_at, updated_at)"
			+ " SELECT ?, ?, ?, 1, ?, ?, ?, ?, 'ACTIVE', ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM spawn_actor_snapshot s"
			+ " WHERE s.actor_system = ? AND s.actor_name = ?) AND " + LEASE_HELD;

	private static final String UPDATE = "UPDATE spawn_actor_snapshot SET parent = ?, revision = ?, state_type = ?,"
			+ " state_bytes = ?, tags = ?, key_id = ?, node = ?, updated_at = ? WHERE actor_system = ?"
			+ " AND actor_name = ? AND revision = ? AND " + LEASE_HELD;

	private static final String HISTORY = "INSERT INTO spawn_actor_snapshot_history (actor_system, actor_name,"
			+ " revision, parent, state_type, state_bytes, tags, key_id, node, created_at)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String TRIM = "DELETE FROM spawn_actor_snapshot_history WHERE actor_system = ?"
			+ " AND actor_name = ? AND revision <= ?";

	private static final Write STOP = new Write(new ActorKey("", ""), null, ActorState.getDefaultInstance(), -1);

	private final Transactions transactions;

	private final StateCodec codec;

	private final RuntimeClock clock;

	private final PersistenceSettings settings;

	private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean closed;

	GroupCommitter(Transactions transactions, StateCodec codec, RuntimeClock clock, PersistenceSettings settings,
			int writerThreads) {
		this.transactions = transactions;
		this.codec = codec;
		this.clock = clock;
		this.settings = settings;
		for (int i = 0; i < writerThreads; i++) {
			this.writers.add(Thread.ofVirtual().name("spawn-group-commit-" + i).start(this::run));
		}
	}

	/**
	 * Writes a snapshot and waits for its transaction to commit.
	 * @return the new revision
	 */
	long write(ActorKey key, @Nullable String parent, ActorState state, long expectedRevision) {
		if (this.closed) {
			throw new StateStoreException("the state store is closed");
		}
		Write write = new Write(key, parent, state, expectedRevision);
		this.queue.add(write);
		try {
			return write.result.join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			if (ex.getCause() instanceof StateStoreException storeException) {
				throw storeException;
			}
			throw new StateStoreException("write of actor '" + key + "' failed", ex.getCause());
		}
	}

	private void run() {
		List<Write> batch = new ArrayList<>();
		while (true) {
			try {
				Write first = this.queue.take();
				if (first == STOP) {
					return;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.settings.maxBatch() - 1);
				int stops = 0;
				while (batch.remove(STOP)) {
					stops++;
				}
				if (!batch.isEmpty()) {
					commit(batch);
				}
				batch.clear();
				if (stops > 0) {
					// Hand back the stop signals meant for the other writers.
					for (int i = 1; i < stops; i++) {
						this.queue.add(STOP);
					}
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				batch.forEach((w) -> w.result.completeExceptionally(new StateStoreException("store closed")));
				return;
			}
			catch (RuntimeException ex) {
				// Never let the writer die: fail what it held and carry on.
				logger.error(ex, "Group commit failed unexpectedly");
				batch.forEach((w) -> w.result.completeExceptionally(Transactions.translate("group commit", ex)));
				batch.clear();
			}
		}
	}

	private void commit(List<Write> batch) {
		try {
			int[] outcome = this.transactions.inTransaction("commit of " + batch.size() + " snapshots",
					(connection) -> execute(connection, batch));
			finish(batch, outcome);
		}
		catch (StateStoreException ex) {
			if (batch.size() > 1) {
				// One bad row (say a unique violation from a racing insert) must not fail its neighbours.
				for (Write write : batch) {
					commit(List.of(write));
				}
				return;
			}
			batch.get(0).result.completeExceptionally(
					Transactions.isUniqueViolation(ex) ? stale(batch.get(0)) : ex);
		}
	}

	/** Runs the fenced writes; returns each write's update count (1 = written, 0 = refused). */
	private int[] execute(Connection connection, List<Write> batch) throws SQLException {
		long now = this.clock.millis();
		String node = this.settings.nodeId();
		int[] outcome = new int[batch.size()];
		List<Integer> inserts = new ArrayList<>();
		List<Integer> updates = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			Write write = batch.get(i);
			write.bytes = this.codec.encode(write.key, write.state);
			(write.expectedRevision == 0 ? inserts : updates).add(i);
		}
		if (!inserts.isEmpty()) {
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				for (int index : inserts) {
					Write w = batch.get(index);
					int p = 1;
					insert.setString(p++, w.key.system());
					insert.setString(p++, w.key.name());
					setNullable(insert, p++, w.parent);
					insert.setString(p++, StateCodec.stateType(w.state));
					insert.setBytes(p++, w.bytes);
					insert.setString(p++, StateCodec.tagsJson(w.state.getTagsMap()));
					setNullable(insert, p++, this.codec.keyId());
					insert.setString(p++, node);
					insert.setLong(p++, now);
					insert.setLong(p++, now);
					insert.setString(p++, w.key.system());
					insert.setString(p++, w.key.name());
					p = setLease(insert, p, w.key, node, now);
					insert.addBatch();
				}
				copy(insert.executeBatch(), inserts, outcome);
			}
		}
		if (!updates.isEmpty()) {
			try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
				for (int index : updates) {
					Write w = batch.get(index);
					int p = 1;
					setNullable(update, p++, w.parent);
					update.setLong(p++, w.expectedRevision + 1);
					update.setString(p++, StateCodec.stateType(w.state));
					update.setBytes(p++, w.bytes);
					update.setString(p++, StateCodec.tagsJson(w.state.getTagsMap()));
					setNullable(update, p++, this.codec.keyId());
					update.setString(p++, node);
					update.setLong(p++, now);
					update.setString(p++, w.key.system());
					update.setString(p++, w.key.name());
					update.setLong(p++, w.expectedRevision);
					setLease(update, p, w.key, node, now);
					update.addBatch();
				}
				copy(update.executeBatch(), updates, outcome);
			}
		}
		writeHistory(connection, batch, outcome, node, now);
		return outcome;
	}

	private void writeHistory(Connection connection, List<Write> batch, int[] outcome, String node, long now)
			throws SQLException {
		boolean trim = false;
		try (PreparedStatement history = connection.prepareStatement(HISTORY)) {
			for (int i = 0; i < batch.size(); i++) {
				if (outcome[i] != 1) {
					continue;
				}
				Write w = batch.get(i);
				int p = 1;
				history.setString(p++, w.key.system());
				history.setString(p++, w.key.name());
				history.setLong(p++, w.expectedRevision + 1);
				setNullable(history, p++, w.parent);
				history.setString(p++, StateCodec.stateType(w.state));
				history.setBytes(p++, w.bytes);
				history.setString(p++, StateCodec.tagsJson(w.state.getTagsMap()));
				setNullable(history, p++, this.codec.keyId());
				history.setString(p++, node);
				history.setLong(p, now);
				history.addBatch();
				trim |= w.expectedRevision + 1 > this.settings.historyRetention();
			}
			history.executeBatch();
		}
		if (!trim) {
			return;
		}
		try (PreparedStatement delete = connection.prepareStatement(TRIM)) {
			for (int i = 0; i < batch.size(); i++) {
				Write w = batch.get(i);
				long keepFrom = w.expectedRevision + 1 - this.settings.historyRetention();
				if (outcome[i] == 1 && keepFrom > 0) {
					delete.setString(1, w.key.system());
					delete.setString(2, w.key.name());
					delete.setLong(3, keepFrom);
					delete.addBatch();
				}
			}
			delete.executeBatch();
		}
	}

	private void finish(List<Write> batch, int[] outcome) {
		for (int i = 0; i < batch.size(); i++) {
			Write write = batch.get(i);
			if (outcome[i] == 1) {
				write.result.complete(write.expectedRevision + 1);
			}
			else {
				write.result.completeExceptionally(stale(write));
			}
		}
	}

	/** Explains a refused write: someone else's revision, or a lease this node does not hold. */
	private StateStoreException stale(Write write) {
		try {
			return this.transactions.inTransaction("diagnosis of a refused write", (connection) -> {
				long stored = 0;
				try (PreparedStatement query = connection.prepareStatement(
						"SELECT revision FROM spawn_actor_snapshot WHERE actor_system = ? AND actor_name = ?")) {
					query.setString(1, write.key.system());
					query.setString(2, write.key.name());
					try (ResultSet rows = query.executeQuery()) {
						if (rows.next()) {
							stored = rows.getLong(1);
						}
					}
				}
				if (stored != write.expectedRevision) {
					return new StaleRevisionException(write.key, write.expectedRevision, stored);
				}
				return new StaleRevisionException(write.key, write.expectedRevision, stored, "stale write for actor '"
						+ write.key + "': node '" + this.settings.nodeId() + "' does not hold its lease");
			});
		}
		catch (StateStoreException ex) {
			return ex;
		}
	}

	private static int setLease(PreparedStatement statement, int index, ActorKey key, String node, long now)
			throws SQLException {
		statement.setString(index++, key.system());
		statement.setString(index++, key.name());
		statement.setString(index++, node);
		statement.setLong(index++, now);
		return index;
	}

	private static void setNullable(PreparedStatement statement, int index, @Nullable String value)
			throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.VARCHAR);
		}
		else {
			statement.setString(index, value);
		}
	}

	private static void copy(int[] counts, List<Integer> indexes, int[] outcome) throws SQLException {
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] == Statement.SUCCESS_NO_INFO) {
				// Without a row count the fence cannot be checked: refuse rather than assume the write happened.
				throw new SQLException("the JDBC driver reports no row counts for batched writes; revision fencing "
						+ "needs them (PostgreSQL and H2 report them)");
			}
			outcome[indexes.get(i)] = counts[i];
		}
	}

	@Override
	public void close() {
		this.closed = true;
		for (int i = 0; i < this.writers.size(); i++) {
			this.queue.add(STOP);
		}
		for (Thread writer : this.writers) {
			try {
				writer.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		Write pending;
		while ((pending = this.queue.poll()) != null) {
			pending.result.completeExceptionally(new StateStoreException("the state store is closed"));
		}
	}

	private static final class Write {

		final ActorKey key;

		final @Nullable String parent;

		final ActorState state;

		final long expectedRevision;

		final CompletableFuture<Long> result = new CompletableFuture<>();

		byte @Nullable [] bytes;

		Write(ActorKey key, @Nullable String parent, ActorState state, long expectedRevision) {
			this.key = key;
			this.parent = parent;
			this.state = state;
			this.expectedRevision = expectedRevision;
		}

	}

}
