package io.spawn.client;

/**
 * Entry point for callers: typed references to any actor type of this application.
 */
public interface SpawnClient {

	/**
	 * References to the instances of an actor type.
	 * @param actorType the actor's class
	 * @param <A> the actor's class
	 * @return the references
	 */
	<A> ActorRefs<A> refs(Class<A> actorType);

}
