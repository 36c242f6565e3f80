package io.spawn.internal.state;

/**
 * Another node holds the lease of an actor, so this node may not activate it now.
 */
public class LeaseUnavailableException extends StateStoreException {

	private final ActorKey key;

	private final String owner;

	private final long expiresAtMillis;

	public LeaseUnavailableException(ActorKey key, String owner, long expiresAtMillis) {
		super("actor '" + key + "' is active on node '" + owner + "' (lease until epoch ms " + expiresAtMillis
				+ "); retry there or after the lease expires");
		this.key = key;
		this.owner = owner;
		this.expiresAtMillis = expiresAtMillis;
	}

	public ActorKey key() {
		return this.key;
	}

	public String owner() {
		return this.owner;
	}

	/**
	 * When the holder's lease runs out unless renewed, in epoch milliseconds of the store's clock.
	 * @return the expiry
	 */
	public long expiresAtMillis() {
		return this.expiresAtMillis;
	}

}
