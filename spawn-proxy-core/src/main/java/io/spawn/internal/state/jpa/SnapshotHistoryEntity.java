package io.spawn.internal.state.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One kept revision of an actor (table {@code spawn_actor_snapshot_history}), for point-in-time restore.
 */
@Entity
@Table(name = "spawn_actor_snapshot_history")
class SnapshotHistoryEntity {

	@EmbeddedId
	@SuppressWarnings("NullAway.Init")
	Id id;

	@Column(name = "parent")
	@Nullable String parent;

	@Column(name = "state_bytes", nullable = false)
	byte @Nullable [] stateBytes;

	@Column(name = "key_id")
	@Nullable String keyId;

	protected SnapshotHistoryEntity() {
	}

	@Embeddable
	static class Id implements Serializable {

		@Column(name = "actor_system")
		@Nullable String system;

		@Column(name = "actor_name")
		@Nullable String name;

		@Column(name = "revision")
		long revision;

		protected Id() {
		}

		Id(String system, String name, long revision) {
			this.system = system;
			this.name = name;
			this.revision = revision;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Id id && Objects.equals(this.system, id.system)
					&& Objects.equals(this.name, id.name) && this.revision == id.revision;
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.system, this.name, this.revision);
		}

	}

}
