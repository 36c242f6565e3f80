package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorListing;
import io.spawn.internal.state.ActorQuery;
import io.spawn.internal.state.ActorRecord;
import io.spawn.internal.state.RevisionRecord;
import io.spawn.internal.time.RuntimeClock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable store's reads for the operations API: listing, description and history of actors, without decoding
 * their state. Off the hot path; each page is one or two indexed statements (ADR 0027).
 */
final class ActorCatalog {

	private final Jdbc jdbc;

	private final boolean postgres;

	private final RuntimeClock clock;

	/** How many names a filtered listing reads per page at most: under 10 ms on PostgreSQL (docs/benchmarks.md). */
	private volatile int scanWindow = 10_000;

	ActorCatalog(Jdbc jdbc, boolean postgres, RuntimeClock clock) {
		this.jdbc = jdbc;
		this.postgres = postgres;
		this.clock = clock;
	}

	/**
	 * Lists stored actors in name order, each with the holder of its unexpired lease: one keyset-paged query on
	 * the snapshot's primary key (or on {@code ix_spawn_actor_snapshot_parent_name} for a template's instances).
	 * A tag or activity filter is applied to a window of at most {@link #scanWindow} names after the page's start,
	 * so that a filter matching few actors reads a bounded number of rows per page; when the window is read without
	 * filling the page, the listing resumes after the window's last name. The tag filter matches the tags column's
	 * JSON exactly: a tag starts after '{' or ',' and ends before ',' or '}', and neither can stand next to an
	 * unescaped quote inside a key or value.
	 */
	ActorListing list(ActorQuery query) {
		String after = (query.afterName() != null) ? query.afterName() : "";
		boolean filtered = query.tagKey() != null || query.activity() != ActorQuery.Activity.ANY;
		List<Object> rangeParameters = new ArrayList<>(List.of(query.system(), after));
		if (query.parent() != null) {
			rangeParameters.add(query.parent());
		}
		String range = range("", query.parent() != null);
		int window = this.scanWindow;
		StringBuilder sql = new StringBuilder("SELECT s.actor_name, s.parent, s.revision, s.state_type, s.tags,"
				+ " s.updated_at, l.owner FROM ");
		if (filtered) {
			sql.append("(SELECT actor_system, actor_name, parent, revision, state_type, tags, updated_at"
					+ " FROM spawn_actor_snapshot").append(range).append(" ORDER BY actor_name FETCH FIRST ")
				.append(window).append(" ROWS ONLY) s");
		}
		else {
			sql.append("spawn_actor_snapshot s");
		}
		sql.append(" LEFT JOIN spawn_actor_lease l ON l.actor_system = s.actor_system AND l.actor_name = s.actor_name"
				+ " AND l.expires_at >= ?");
		long now = this.clock.millis();
		List<Object> parameters = new ArrayList<>();
		if (filtered) {
			parameters.addAll(rangeParameters);
			parameters.add(now);
			sql.append(" WHERE 1 = 1");
		}
		else {
			parameters.add(now);
			sql.append(range("s.", query.parent() != null));
			parameters.addAll(rangeParameters);
		}
		if (query.tagKey() != null && query.tagValue() != null) {
			String tag = likeEscaped(StateCodec.tagJson(query.tagKey(), query.tagValue()));
			sql.append(" AND (s.tags LIKE ? ESCAPE '!' OR s.tags LIKE ? ESCAPE '!' OR s.tags LIKE ? ESCAPE '!'"
					+ " OR s.tags LIKE ? ESCAPE '!')");
			parameters.addAll(List.of("{" + tag + "}", "{" + tag + ",%", "%," + tag + "}", "%," + tag + ",%"));
		}
		switch (query.activity()) {
			case ACTIVE -> sql.append(" AND l.owner IS NOT NULL");
			case PASSIVE -> sql.append(" AND l.owner IS NULL");
			case ANY -> {
			}
		}
		sql.append(" ORDER BY s.actor_name FETCH FIRST ").append(query.limit()).append(" ROWS ONLY");
		boolean postgres = this.postgres;
		return this.jdbc.inTransaction("listing of actors of system '" + query.system() + "'", (connection) -> {
			if (postgres) {
				// A page is at most a window of names walked in index order, each probed once for its lease: nested
				// loops. Estimating the window's rows, the planner otherwise picks hash joins that read the whole
				// lease table (and, for the passive filter, the whole system): see benchmarks/pg-operations-listing.sh.
				try (java.sql.Statement settings = connection.createStatement()) {
					settings.execute("SET LOCAL enable_hashjoin = off");
					settings.execute("SET LOCAL enable_mergejoin = off");
				}
			}
			List<ActorRecord> records = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
				bind(statement, parameters);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						records.add(record(query.system(), rows));
					}
				}
			}
			if (!filtered || records.size() >= query.limit()) {
				return new ActorListing(records, null);
			}
			// The page is short: either the system ended inside the window, or the window ran out first.
			try (PreparedStatement last = connection.prepareStatement("SELECT actor_name FROM spawn_actor_snapshot"
					+ range + " ORDER BY actor_name OFFSET " + (window - 1) + " ROWS FETCH FIRST 1 ROWS ONLY")) {
				bind(last, rangeParameters);
				try (ResultSet rows = last.executeQuery()) {
					return new ActorListing(records, rows.next() ? rows.getString(1) : null);
				}
			}
		});
	}

	/** The page's range: the system, after the page's start, and the template when one is asked for. */
	private static String range(String alias, boolean parent) {
		return " WHERE " + alias + "actor_system = ? AND " + alias + "actor_name > ?"
				+ (parent ? " AND " + alias + "parent = ?" : "");
	}

	private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
		for (int i = 0; i < parameters.size(); i++) {
			statement.setObject(i + 1, parameters.get(i));
		}
	}

	void scanWindow(int names) {
		this.scanWindow = Math.max(1, names);
	}

	Optional<ActorRecord> describe(ActorKey key) {
		long now = this.clock.millis();
		return Optional.ofNullable(this.jdbc.autocommit("description of actor '" + key + "'", (connection) -> {
			try (PreparedStatement snapshot = connection
				.prepareStatement(SELECT_RECORD + " WHERE s.actor_system = ? AND s.actor_name = ?")) {
				snapshot.setLong(1, now);
				snapshot.setString(2, key.system());
				snapshot.setString(3, key.name());
				try (ResultSet rows = snapshot.executeQuery()) {
					if (rows.next()) {
						return record(key.system(), rows);
					}
				}
			}
			try (PreparedStatement lease = connection.prepareStatement("SELECT owner FROM spawn_actor_lease"
					+ " WHERE actor_system = ? AND actor_name = ? AND expires_at >= ?")) {
				lease.setString(1, key.system());
				lease.setString(2, key.name());
				lease.setLong(3, now);
				try (ResultSet rows = lease.executeQuery()) {
					return rows.next() ? new ActorRecord(key, null, 0, "", Map.of(), 0, rows.getString(1)) : null;
				}
			}
		}));
	}

	List<RevisionRecord> history(ActorKey key, int limit) {
		return this.jdbc.autocommit("history of actor '" + key + "'", (connection) -> {
			try (PreparedStatement query = connection.prepareStatement("SELECT revision, state_type, node, created_at"
					+ " FROM spawn_actor_snapshot_history WHERE actor_system = ? AND actor_name = ?"
					+ " ORDER BY revision DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")) {
				query.setString(1, key.system());
				query.setString(2, key.name());
				List<RevisionRecord> revisions = new ArrayList<>();
				try (ResultSet rows = query.executeQuery()) {
					while (rows.next()) {
						revisions.add(new RevisionRecord(rows.getLong(1), rows.getString(2), rows.getString(3),
								rows.getLong(4)));
					}
				}
				return revisions;
			}
		});
	}

	/** The columns of {@link #record}; the first parameter is now, for the lease's expiry. */
	private static final String SELECT_RECORD = "SELECT s.actor_name, s.parent, s.revision, s.state_type, s.tags,"
			+ " s.updated_at, l.owner FROM spawn_actor_snapshot s LEFT JOIN spawn_actor_lease l"
			+ " ON l.actor_system = s.actor_system AND l.actor_name = s.actor_name AND l.expires_at >= ?";

	private static ActorRecord record(String system, ResultSet rows) throws SQLException {
		Map<String, String> tags;
		try {
			tags = StateCodec.parseTags(rows.getString(5));
		}
		catch (IllegalArgumentException ex) {
			// Written by hand or by a newer version: the listing still shows the actor.
			tags = Map.of();
		}
		return new ActorRecord(new ActorKey(system, rows.getString(1)), rows.getString(2), rows.getLong(3),
				rows.getString(4), tags, rows.getLong(6), rows.getString(7));
	}

	private static String likeEscaped(String text) {
		return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

}
