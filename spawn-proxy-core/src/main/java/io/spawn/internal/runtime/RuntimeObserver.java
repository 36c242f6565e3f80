package io.spawn.internal.runtime;

import io.spawn.internal.state.ActorKey;

/**
 * Receives the runtime's events, for metrics. Called on hot paths: implementations must be fast and must not
 * throw.
 */
public interface RuntimeObserver {

	/** An observer that ignores everything. */
	RuntimeObserver NONE = new RuntimeObserver() {
	};

	/**
	 * A call finished (including calls that failed before reaching the host).
	 * @param actor the actor called
	 * @param action the action
	 * @param status the outcome
	 * @param nanos time from acceptance to outcome
	 */
	default void invocationCompleted(ActorKey actor, String action, InvocationStatus status, long nanos) {
	}

	/**
	 * An actor was activated (its state loaded, its init run).
	 * @param actor the actor
	 */
	default void activated(ActorKey actor) {
	}

	/**
	 * An actor was passivated and left memory.
	 * @param actor the actor
	 */
	default void passivated(ActorKey actor) {
	}

	/**
	 * A snapshot was committed.
	 * @param actor the actor
	 */
	default void snapshotWritten(ActorKey actor) {
	}

	/**
	 * A snapshot could not be written.
	 * @param actor the actor
	 * @param error why
	 */
	default void snapshotFailed(ActorKey actor, Throwable error) {
	}

	/**
	 * A call was forwarded to the member that owns its actor (or holds its lease), and came back.
	 * @param actor the actor called
	 * @param member the member's node id
	 * @param status the outcome the member answered (UNAVAILABLE when it could not be reached)
	 */
	default void callForwarded(ActorKey actor, String member, InvocationStatus status) {
	}

}
