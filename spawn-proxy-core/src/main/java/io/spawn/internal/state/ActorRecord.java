package io.spawn.internal.state;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a store knows of one actor without decoding its state: enough to list and describe it.
 * @param key the actor
 * @param parent the template of an unnamed instance, or {@code null}
 * @param revision the latest revision, 0 when the actor holds a lease but never wrote state
 * @param stateType the type URL of the state, empty when it has none
 * @param tags the tags written with the latest revision
 * @param updatedAtMillis when the latest revision was written, epoch milliseconds (0 when never)
 * @param owner the node holding an unexpired lease on the actor, or {@code null} when none does (or the store
 * keeps no leases)
 */
public record ActorRecord(ActorKey key, @Nullable String parent, long revision, String stateType,
		Map<String, String> tags, long updatedAtMillis, @Nullable String owner) {

	public ActorRecord {
		tags = Map.copyOf(tags);
	}

}
