package io.spawn.internal.operations;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One actor as an operator sees it.
 * @param system the actor system
 * @param name the actor's name
 * @param parent the UNNAMED template of an instance, or {@code null}
 * @param revision the latest stored revision, 0 when nothing was stored
 * @param stateType the type URL of the stored state, empty when it has none
 * @param tags the stored tags
 * @param updatedAt when the latest revision was written, or {@code null} when never
 * @param active whether a member runs the actor now (holds its lease)
 * @param owner the member running it, or {@code null} when it is passive
 */
public record ActorView(String system, String name, @Nullable String parent, long revision, String stateType,
		Map<String, String> tags, @Nullable Instant updatedAt, boolean active, @Nullable String owner) {
}
