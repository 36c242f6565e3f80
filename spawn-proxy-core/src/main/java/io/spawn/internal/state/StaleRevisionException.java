package io.spawn.internal.state;

/**
 * A write named a revision that is no longer the stored one: another activation of the actor wrote since.
 * The writer's copy is stale and must be discarded.
 */
public class StaleRevisionException extends StateStoreException {

	private final ActorKey key;

	private final long expectedRevision;

	private final long storedRevision;

	public StaleRevisionException(ActorKey key, long expectedRevision, long storedRevision) {
		this(key, expectedRevision, storedRevision, "stale write for actor '" + key + "': holds revision "
				+ expectedRevision + " but the store has " + storedRevision);
	}

	public StaleRevisionException(ActorKey key, long expectedRevision, long storedRevision, String message) {
		super(message);
		this.key = key;
		this.expectedRevision = expectedRevision;
		this.storedRevision = storedRevision;
	}

	public ActorKey key() {
		return this.key;
	}

	public long expectedRevision() {
		return this.expectedRevision;
	}

	public long storedRevision() {
		return this.storedRevision;
	}

}
