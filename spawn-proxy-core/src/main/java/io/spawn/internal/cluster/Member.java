package io.spawn.internal.cluster;

/**
 * One member as the member table records it.
 * @param nodeId its node id (the owner name in leases)
 * @param address where its peer port listens, {@code host:port}
 * @param state {@link State#JOINING} until its host registered, {@link State#UP} while it takes actors,
 * {@link State#LEAVING} while it hands them over
 * @param startedAt when this incarnation joined, epoch ms
 * @param heartbeatAt its last heartbeat, epoch ms
 */
public record Member(String nodeId, String address, State state, long startedAt, long heartbeatAt) {

	/** A member's state. */
	public enum State {

		/** Started, but no actor system is registered yet: it could not run an actor. */
		JOINING,

		UP,

		/** Handing its actors over before it stops. */
		LEAVING

	}

}
