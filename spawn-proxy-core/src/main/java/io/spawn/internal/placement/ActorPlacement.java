package io.spawn.internal.placement;

import io.spawn.internal.state.ActorKey;

/**
 * Answers "which member owns this actor" (the model is Orleans' grain locator and Pekko's shard allocation). The
 * runtime asks it for every call of a NAMED or UNNAMED actor; POOLED actors run wherever the call enters.
 * Ownership here is a routing hint: single activation is enforced by the state store's lease, never by agreement
 * between the members' views.
 */
public interface ActorPlacement {

	/**
	 * The owner of an actor in this member's current view.
	 * @param key the actor
	 * @return {@link Placement#LOCAL} or the owning member
	 */
	Placement place(ActorKey key);

	/**
	 * This member's node id, as the store's leases name it.
	 * @return the node id
	 */
	String localNode();

	/**
	 * Whether a node is a live member in this member's view.
	 * @param node the node id
	 * @return whether calls can be sent to it
	 */
	boolean isLive(String node);

	/**
	 * Whether this member is part of a cluster; false for a single node, whose calls all run locally.
	 * @return whether there may be other members
	 */
	boolean clustered();

	/**
	 * A single node: every actor is local.
	 * @param nodeId the node id leases are taken under
	 * @return the placement
	 */
	static ActorPlacement singleNode(String nodeId) {
		return new ActorPlacement() {

			@Override
			public Placement place(ActorKey key) {
				return Placement.LOCAL;
			}

			@Override
			public String localNode() {
				return nodeId;
			}

			@Override
			public boolean isLive(String node) {
				return nodeId.equals(node);
			}

			@Override
			public boolean clustered() {
				return false;
			}

		};
	}

}
