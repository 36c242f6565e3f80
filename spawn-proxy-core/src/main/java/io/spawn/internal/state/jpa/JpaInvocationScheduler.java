package io.spawn.internal.state.jpa;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.schedule.ScheduleEntry;
import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.InvocationRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Durable delayed calls and timer actions (table {@code spawn_scheduled_invocation}). An invocation is committed
 * before {@link #schedule} returns. Every poll claims due rows with a conditional update, so replicas polling
 * one table never fire the same row at once; a claim that is not finished (the node died) expires and another
 * node fires the row again: at least once, with the row id for de-duplication.
 */
public final class JpaInvocationScheduler implements InvocationScheduler {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(JpaInvocationScheduler.class));

	private static final long RETRY_DELAY_MILLIS = 1_000;

	private final Transactions transactions;

	private final RuntimeClock clock;

	private final PersistenceSettings settings;

	private final AtomicBoolean polling = new AtomicBoolean();

	private final AtomicLong claims = new AtomicLong();

	private volatile @Nullable Dispatcher dispatcher;

	private volatile RuntimeClock.@Nullable Cancellable nextTick;

	private volatile long lagMillis;

	JpaInvocationScheduler(Transactions transactions, RuntimeClock clock, PersistenceSettings settings) {
		this.transactions = transactions;
		this.clock = clock;
		this.settings = settings;
	}

	@Override
	public void start(Dispatcher dispatcher) {
		this.dispatcher = dispatcher;
		tickLater(Duration.ZERO);
	}

	@Override
	public void schedule(ScheduledInvocation invocation) {
		ActorKey target = ActorKey.target(invocation.request());
		byte[] request = invocation.request().toByteArray();
		long now = this.clock.millis();
		this.transactions.inTransaction("scheduling of " + invocation.id(), (connection) -> {
			try (PreparedStatement update = connection.prepareStatement("UPDATE spawn_scheduled_invocation SET"
					+ " actor_system = ?, actor_name = ?, due_at = ?, interval_ms = ?, request_bytes = ?,"
					+ " claimed_by = NULL, claimed_until = NULL, attempts = 0 WHERE id = ?")) {
				update.setString(1, target.system());
				update.setString(2, target.name());
				update.setLong(3, invocation.dueAtMillis());
				update.setLong(4, invocation.intervalMillis());
				update.setBytes(5, request);
				update.setString(6, invocation.id());
				if (update.executeUpdate() == 1) {
					return null;
				}
			}
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO spawn_scheduled_invocation"
					+ " (id, actor_system, actor_name, due_at, interval_ms, request_bytes, created_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
				insert.setString(1, invocation.id());
				insert.setString(2, target.system());
				insert.setString(3, target.name());
				insert.setLong(4, invocation.dueAtMillis());
				insert.setLong(5, invocation.intervalMillis());
				insert.setBytes(6, request);
				insert.setLong(7, now);
				insert.executeUpdate();
			}
			return null;
		});
		long delay = invocation.dueAtMillis() - now;
		if (this.dispatcher != null && delay < this.settings.schedulePollInterval().toMillis()) {
			this.clock.schedule(Duration.ofMillis(Math.max(0, delay)), this::pollSoon);
		}
	}

	@Override
	public boolean cancel(String id) {
		return delete("cancellation of " + id, "DELETE FROM spawn_scheduled_invocation WHERE id = ?", id) > 0;
	}

	@Override
	public int cancelAll(ActorKey actor) {
		return delete("cancellation of the schedules of '" + actor + "'",
				"DELETE FROM spawn_scheduled_invocation WHERE actor_system = ? AND actor_name = ?", actor.system(),
				actor.name());
	}

	@Override
	public void stop() {
		this.dispatcher = null;
		RuntimeClock.Cancellable tick = this.nextTick;
		if (tick != null) {
			tick.cancel();
		}
	}

	@Override
	public List<ScheduleEntry> list(String system, @Nullable String actor, @Nullable String afterId, int limit) {
		String sql = "SELECT id, actor_system, actor_name, due_at, interval_ms, request_bytes, attempts"
				+ " FROM spawn_scheduled_invocation WHERE actor_system = ?" + ((actor != null) ? " AND actor_name = ?" : "")
				+ " AND id > ? ORDER BY id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY";
		return this.transactions.inTransaction("listing of the schedules of '" + system + "'", (connection) -> {
			try (PreparedStatement query = connection.prepareStatement(sql)) {
				int p = 1;
				query.setString(p++, system);
				if (actor != null) {
					query.setString(p++, actor);
				}
				query.setString(p, (afterId != null) ? afterId : "");
				List<ScheduleEntry> entries = new ArrayList<>();
				try (ResultSet rows = query.executeQuery()) {
					while (rows.next()) {
						entries.add(new ScheduleEntry(rows.getString(1), new ActorKey(rows.getString(2), rows.getString(3)),
								actionOf(rows.getBytes(6)), rows.getLong(4), rows.getLong(5), rows.getInt(7)));
					}
				}
				return entries;
			}
		});
	}

	private static String actionOf(byte[] request) {
		try {
			return InvocationRequest.parseFrom(request).getActionName();
		}
		catch (InvalidProtocolBufferException ex) {
			return "<corrupt request>";
		}
	}

	/**
	 * How late the last fired invocation was, in milliseconds.
	 * @return the lag
	 */
	public long lagMillis() {
		return this.lagMillis;
	}

	/**
	 * Number of stored invocations.
	 * @return the count
	 */
	public long size() {
		return this.transactions.inTransaction("count of schedules", (connection) -> {
			try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM spawn_scheduled_invocation");
					ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		});
	}

	private int delete(String what, String sql, String... parameters) {
		return this.transactions.inTransaction(what, (connection) -> {
			try (PreparedStatement delete = connection.prepareStatement(sql)) {
				for (int i = 0; i < parameters.length; i++) {
					delete.setString(i + 1, parameters[i]);
				}
				return delete.executeUpdate();
			}
		});
	}

	private void tickLater(Duration delay) {
		if (this.dispatcher != null) {
			this.nextTick = this.clock.schedule(delay, this::tick);
		}
	}

	private void tick() {
		Thread.ofVirtual().start(() -> {
			try {
				poll();
			}
			finally {
				tickLater(this.settings.schedulePollInterval());
			}
		});
	}

	private void pollSoon() {
		Thread.ofVirtual().start(this::poll);
	}

	/** Fires every due invocation, batch after batch. */
	void poll() {
		if (this.dispatcher == null || !this.polling.compareAndSet(false, true)) {
			return;
		}
		try {
			List<Claimed> claimed;
			do {
				claimed = claimDue();
				fire(claimed);
			}
			while (claimed.size() == this.settings.scheduleBatch() && this.dispatcher != null);
		}
		catch (StateStoreException ex) {
			logger.warn(() -> "Polling scheduled invocations failed; retrying at the next poll: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.error(ex, "Polling scheduled invocations failed unexpectedly");
		}
		finally {
			this.polling.set(false);
		}
	}

	private List<Claimed> claimDue() {
		long now = this.clock.millis();
		String claim = this.settings.nodeId() + "#" + this.claims.incrementAndGet();
		return this.transactions.inTransaction("claim of due invocations", (connection) -> {
			try (PreparedStatement take = connection.prepareStatement("UPDATE spawn_scheduled_invocation SET"
					+ " claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
					+ " WHERE id IN (SELECT s.id FROM spawn_scheduled_invocation s"
					+ " WHERE s.due_at <= ? AND (s.claimed_until IS NULL OR s.claimed_until < ?) ORDER BY s.due_at"
					+ " LIMIT ?) AND (claimed_until IS NULL OR claimed_until < ?)")) {
				take.setString(1, claim);
				take.setLong(2, now + this.settings.scheduleClaimTimeout().toMillis());
				take.setLong(3, now);
				take.setLong(4, now);
				take.setInt(5, this.settings.scheduleBatch());
				take.setLong(6, now);
				if (take.executeUpdate() == 0) {
					return List.of();
				}
			}
			return claimed(connection, claim);
		});
	}

	private static List<Claimed> claimed(Connection connection, String claim) throws SQLException {
		List<Claimed> claimed = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT id, due_at, interval_ms, request_bytes"
				+ " FROM spawn_scheduled_invocation WHERE claimed_by = ? ORDER BY due_at")) {
			query.setString(1, claim);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					claimed.add(new Claimed(claim, rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getBytes(4)));
				}
			}
		}
		return claimed;
	}

	private void fire(List<Claimed> claimed) {
		Dispatcher target = this.dispatcher;
		if (claimed.isEmpty() || target == null) {
			return;
		}
		long now = this.clock.millis();
		List<Outcome> done = new ArrayList<>();
		for (Claimed row : claimed) {
			boolean accepted;
			ScheduledInvocation invocation = null;
			try {
				invocation = new ScheduledInvocation(row.id, InvocationRequest.parseFrom(row.request), row.dueAt,
						row.interval);
				this.lagMillis = Math.max(0, now - row.dueAt);
				accepted = target.dispatch(invocation);
			}
			catch (InvalidProtocolBufferException ex) {
				logger.error(ex, () -> "Dropping scheduled invocation " + row.id + ": its request is corrupt");
				done.add(new Outcome(row, null, true));
				continue;
			}
			catch (RuntimeException ex) {
				logger.warn(ex, () -> "Dispatch of scheduled invocation " + row.id + " failed");
				accepted = false;
			}
			if (!accepted) {
				done.add(new Outcome(row, now + RETRY_DELAY_MILLIS, false));
			}
			else if (invocation.recurring()) {
				done.add(new Outcome(row, invocation.next(now).dueAtMillis(), true));
			}
			else {
				done.add(new Outcome(row, null, true));
			}
		}
		finish(done);
	}

	/** Deletes fired one-shot rows and moves recurring or refused rows to their next time, releasing claims. */
	private void finish(List<Outcome> done) {
		this.transactions.inTransaction("completion of fired invocations", (connection) -> {
			try (PreparedStatement delete = connection
				.prepareStatement("DELETE FROM spawn_scheduled_invocation WHERE id = ? AND claimed_by = ?");
					PreparedStatement move = connection.prepareStatement("UPDATE spawn_scheduled_invocation SET"
							+ " due_at = ?, claimed_by = NULL, claimed_until = NULL,"
							+ " attempts = CASE WHEN ? THEN 0 ELSE attempts END WHERE id = ? AND claimed_by = ?")) {
				for (Outcome outcome : done) {
					Claimed row = outcome.row;
					Long next = outcome.next;
					if (next == null) {
						delete.setString(1, row.id);
						delete.setString(2, row.claim);
						delete.addBatch();
					}
					else {
						move.setLong(1, next);
						move.setBoolean(2, outcome.completed);
						move.setString(3, row.id);
						move.setString(4, row.claim);
						move.addBatch();
					}
				}
				delete.executeBatch();
				move.executeBatch();
			}
			return null;
		});
	}

	private record Claimed(String claim, String id, long dueAt, long interval, byte[] request) {
	}

	/**
	 * What to do with a fired row: delete it ({@code next} null) or move it to {@code next}; {@code completed}
	 * when the occurrence ran (its attempts start again from 0), false when it was refused and is retried.
	 */
	private record Outcome(Claimed row, @Nullable Long next, boolean completed) {
	}

}
