package io.spawn.internal.state;

import io.spawn.protocol.actors.ActorId;

/**
 * The natural key of an actor: its system and its name. Persisted state is keyed by it, never by a hash of it.
 * @param system the actor system
 * @param name the actor's name (for an unnamed instance, the instance name)
 */
public record ActorKey(String system, String name) {

	public static ActorKey of(ActorId id) {
		return new ActorKey(id.getSystem(), id.getName());
	}

	@Override
	public String toString() {
		return this.system + "/" + this.name;
	}

}
