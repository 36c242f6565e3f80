package io.spawn.internal.cluster;

import io.spawn.internal.state.StateStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The members' heartbeats in the shared database ({@code spawn_cluster_member}). Liveness rests on the same
 * database as the leases: a member that cannot reach it can neither renew its leases nor its heartbeat, so it
 * drops out of the others' views at about the time it stops serving (ADR 0008).
 */
public final class MemberTable {

	private final DataSource dataSource;

	public MemberTable(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Records this member's heartbeat (its row is created on the first).
	 * @throws StateStoreException when the database cannot be reached
	 */
	public void heartbeat(String nodeId, String address, Member.State state, long startedAt, long now) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			try (PreparedStatement update = connection.prepareStatement("UPDATE spawn_cluster_member SET address = ?,"
					+ " state = ?, started_at = ?, heartbeat_at = ? WHERE node_id = ?")) {
				update.setString(1, address);
				update.setString(2, state.name());
				update.setLong(3, startedAt);
				update.setLong(4, now);
				update.setString(5, nodeId);
				if (update.executeUpdate() == 1) {
					return;
				}
			}
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO spawn_cluster_member"
					+ " (node_id, address, state, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)")) {
				insert.setString(1, nodeId);
				insert.setString(2, address);
				insert.setString(3, state.name());
				insert.setLong(4, startedAt);
				insert.setLong(5, now);
				insert.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw new StateStoreException("heartbeat of member '" + nodeId + "' failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Every recorded member, dead ones included.
	 * @throws StateStoreException when the database cannot be reached
	 */
	public List<Member> members() {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(
						"SELECT node_id, address, state, started_at, heartbeat_at FROM spawn_cluster_member");
				ResultSet rows = select.executeQuery()) {
			List<Member> members = new ArrayList<>();
			while (rows.next()) {
				Member.State state = switch (rows.getString(3)) {
					case "UP" -> Member.State.UP;
					case "JOINING" -> Member.State.JOINING;
					default -> Member.State.LEAVING;
				};
				members.add(new Member(rows.getString(1), rows.getString(2), state, rows.getLong(4), rows.getLong(5)));
			}
			return members;
		}
		catch (SQLException ex) {
			throw new StateStoreException("reading the cluster's members failed: " + ex.getMessage(), ex);
		}
	}

	/** Deletes a member's row once it has left. */
	public void remove(String nodeId) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement delete = connection
					.prepareStatement("DELETE FROM spawn_cluster_member WHERE node_id = ?")) {
			connection.setAutoCommit(true);
			delete.setString(1, nodeId);
			delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw new StateStoreException("removing member '" + nodeId + "' failed: " + ex.getMessage(), ex);
		}
	}

}
