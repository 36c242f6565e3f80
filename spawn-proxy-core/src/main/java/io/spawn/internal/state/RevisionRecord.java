package io.spawn.internal.state;

/**
 * One kept revision of an actor's state, without the state.
 * @param revision the revision
 * @param stateType the type URL of the state at that revision, empty when it had none
 * @param node the node that wrote it
 * @param writtenAtMillis when it was written, epoch milliseconds
 */
public record RevisionRecord(long revision, String stateType, String node, long writtenAtMillis) {
}
