package io.spawn.internal.state;

import io.spawn.protocol.InvocationRequest;
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

	/**
	 * The actor a call targets: its id's system, or the call's system when the id names none.
	 * @param request the call
	 * @return the actor
	 */
	public static ActorKey target(InvocationRequest request) {
		ActorId id = request.getActor().getId();
		return new ActorKey(id.getSystem().isEmpty() ? request.getSystem().getName() : id.getSystem(), id.getName());
	}

	@Override
	public String toString() {
		return this.system + "/" + this.name;
	}

}
