package io.spawn.internal.state;

import io.spawn.protocol.actors.ActorState;
import org.jspecify.annotations.Nullable;

/**
 * One persisted snapshot of an actor.
 * @param revision the snapshot's revision, 1 for the first write
 * @param parent the template of an unnamed instance, or {@code null}
 * @param state the state and tags
 */
public record StoredState(long revision, @Nullable String parent, ActorState state) {
}
