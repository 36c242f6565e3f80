package io.spawn.actor;

/**
 * How instances of an actor come to exist.
 */
public enum ActorKind {

	/** One instance, named after the actor. */
	NAMED,

	/** A template: each id a caller uses is its own instance with its own state. */
	UNNAMED,

	/** Stateless workers sharing the calls, up to the pool's maximum at once. */
	POOLED

}
