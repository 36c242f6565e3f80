package io.spawn.internal.state;

/**
 * Another node holds the lease of an actor, so this node may not activate it now.
 */
public class LeaseUnavailableException extends StateStoreException {

	private final ActorKey key;

	private final String owner;

	public LeaseUnavailableException(ActorKey key, String owner, long expiresAtMillis) {
		super("actor '" + key + "' is active on node '" + owner + "' (lease until epoch ms " + expiresAtMillis
				+ "); retry there or after the lease expires");
		this.key = key;
		this.owner = owner;
	}

	public ActorKey key() {
		return this.key;
	}

	public String owner() {
		return this.owner;
	}

}
