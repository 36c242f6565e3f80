package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trims snapshot history in the background instead of in every write: the group committer reports each revision
 * it commits, and {@link #trim()} (run every {@link PersistenceSettings#historyTrimInterval()}) deletes, for each
 * actor written since the last run, the rows older than the retained {@code historyRetention} revisions, in one
 * batch. Between two runs an actor may keep a few more revisions than the retention; never fewer.
 */
final class HistoryTrimmer {

	private static final String TRIM = "DELETE FROM spawn_actor_snapshot_history WHERE actor_system = ?"
			+ " AND actor_name = ? AND revision <= ?";

	private static final int BATCH = 512;

	private final Jdbc jdbc;

	private final int retention;

	private final Map<ActorKey, Long> written = new ConcurrentHashMap<>();

	HistoryTrimmer(Jdbc jdbc, int retention) {
		this.jdbc = jdbc;
		this.retention = retention;
	}

	/** Notes a committed revision; cheap, called on the commit path. */
	void written(ActorKey key, long revision) {
		if (revision > this.retention) {
			this.written.merge(key, revision, Math::max);
		}
	}

	/** Actors with history to trim. */
	int pending() {
		return this.written.size();
	}

	/**
	 * Deletes the history rows no longer retained for every actor written since the last run.
	 * @return the rows deleted
	 */
	int trim() {
		int deleted = 0;
		List<Map.Entry<ActorKey, Long>> work = new ArrayList<>(BATCH);
		for (ActorKey key : this.written.keySet()) {
			Long revision = this.written.remove(key);
			if (revision != null) {
				work.add(Map.entry(key, revision));
			}
			if (work.size() == BATCH) {
				deleted += delete(work);
				work.clear();
			}
		}
		if (!work.isEmpty()) {
			deleted += delete(work);
		}
		return deleted;
	}

	private int delete(List<Map.Entry<ActorKey, Long>> work) {
		try {
			return this.jdbc.inTransaction("trim of the history of " + work.size() + " actors", (connection) -> {
				try (PreparedStatement delete = connection.prepareStatement(TRIM)) {
					for (Map.Entry<ActorKey, Long> entry : work) {
						delete.setString(1, entry.getKey().system());
						delete.setString(2, entry.getKey().name());
						delete.setLong(3, entry.getValue() - this.retention);
						delete.addBatch();
					}
					int total = 0;
					for (int count : delete.executeBatch()) {
						total += Math.max(count, 0);
					}
					return total;
				}
			});
		}
		catch (RuntimeException ex) {
			// Try again at the next run.
			work.forEach((entry) -> written(entry.getKey(), entry.getValue()));
			throw ex;
		}
	}

}
