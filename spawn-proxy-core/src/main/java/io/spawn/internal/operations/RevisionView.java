package io.spawn.internal.operations;

import java.time.Instant;

/**
 * One kept revision of an actor's state.
 * @param revision the revision
 * @param stateType the type URL of the state at that revision, empty when it had none
 * @param node the member that wrote it
 * @param writtenAt when it was written
 */
public record RevisionView(long revision, String stateType, String node, Instant writtenAt) {
}
