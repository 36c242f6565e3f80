package io.spawn.internal.state.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The current snapshot of one actor (table {@code spawn_actor_snapshot}). Read through JPA; written by
 * {@link GroupCommitter} with revision-fenced statements, never by merging this entity.
 */
@Entity
@Table(name = "spawn_actor_snapshot")
class SnapshotEntity {

	@EmbeddedId
	@SuppressWarnings("NullAway.Init")
	ActorKeyColumns id;

	@Column(name = "parent")
	@Nullable String parent;

	@Column(name = "revision", nullable = false)
	long revision;

	@Column(name = "state_bytes", nullable = false)
	byte @Nullable [] stateBytes;

	@Column(name = "key_id")
	@Nullable String keyId;

	@Column(name = "node", nullable = false)
	@Nullable String node;

	protected SnapshotEntity() {
	}

}
