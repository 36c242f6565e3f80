package io.spawn.internal.state;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page a store read for a listing.
 * @param records the actors found, in name order
 * @param resumeAfter when the store stopped reading before the end of the system without filling the page (a
 * filter that matches few actors), the last name it read: the next page starts after it. {@code null} when the page
 * is full or the system was read to its end
 */
public record ActorListing(List<ActorRecord> records, @Nullable String resumeAfter) {

	public ActorListing {
		records = List.copyOf(records);
	}

}
