package io.spawn.client;

/**
 * References to the instances of one actor type; inject it as {@code ActorRefs<CounterActor>}.
 * @param <A> the actor's class
 */
public interface ActorRefs<A> {

	/**
	 * The instance with the given id: an instance of an UNNAMED actor (created on first call), or the actor
	 * itself for a NAMED or POOLED actor whose name is {@code id}.
	 * @param id the instance id
	 * @return the reference
	 */
	ActorRef<A> get(String id);

	/**
	 * The single instance of a NAMED or POOLED actor.
	 * @return the reference
	 */
	ActorRef<A> get();

}
