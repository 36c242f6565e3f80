package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The natural key {@code (actor_system, actor_name)} as a JPA id.
 */
@Embeddable
class ActorKeyColumns implements Serializable {

	@Column(name = "actor_system")
	@Nullable String system;

	@Column(name = "actor_name")
	@Nullable String name;

	protected ActorKeyColumns() {
	}

	ActorKeyColumns(ActorKey key) {
		this.system = key.system();
		this.name = key.name();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ActorKeyColumns key && Objects.equals(this.system, key.system)
				&& Objects.equals(this.name, key.name);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.system, this.name);
	}

}
