package io.spawn.internal.placement;

/**
 * Where a call for an actor runs: here, or on another member.
 */
public sealed interface Placement permits Placement.Local, Placement.Remote {

	/** The singleton for "this member". */
	Placement LOCAL = new Local();

	/** This member runs the actor. */
	record Local() implements Placement {
	}

	/**
	 * Another member owns the actor.
	 * @param node that member's node id
	 */
	record Remote(String node) implements Placement {
	}

}
