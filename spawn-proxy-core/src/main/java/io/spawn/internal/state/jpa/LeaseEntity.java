package io.spawn.internal.state.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The lease of one actor (table {@code spawn_actor_lease}): the node allowed to run it until {@code expiresAt}.
 */
@Entity
@Table(name = "spawn_actor_lease")
class LeaseEntity {

	@EmbeddedId
	@SuppressWarnings("NullAway.Init")
	ActorKeyColumns id;

	@Column(name = "owner", nullable = false)
	@Nullable String owner;

	@Column(name = "expires_at", nullable = false)
	long expiresAt;

	protected LeaseEntity() {
	}

}
