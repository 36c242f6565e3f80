package io.spawn.internal.state;

import org.jspecify.annotations.Nullable;

/**
 * Which stored actors of one system a listing wants, one page at a time in the order of their names (keyset
 * pagination: the page after {@code afterName}).
 * @param system the actor system
 * @param parent only instances of this UNNAMED template, or {@code null} for every actor
 * @param tagKey only actors whose tags hold {@code tagKey=tagValue}, or {@code null} for no tag filter
 * @param tagValue the tag's value; required with {@code tagKey}
 * @param activity active (an unexpired lease), passive (none), or both
 * @param afterName the last name of the previous page, or {@code null} for the first page
 * @param limit how many actors at most, at least 1
 */
public record ActorQuery(String system, @Nullable String parent, @Nullable String tagKey, @Nullable String tagValue,
		Activity activity, @Nullable String afterName, int limit) {

	public ActorQuery {
		if (system.isBlank()) {
			throw new IllegalArgumentException("system is required");
		}
		if ((tagKey == null) != (tagValue == null)) {
			throw new IllegalArgumentException("a tag filter needs both its key and its value");
		}
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
	}

	/**
	 * Whether an actor has to be active to be listed.
	 */
	public enum Activity {

		/** Active and passive actors. */
		ANY,

		/** Only actors some member holds an unexpired lease on (or, without leases, in memory here). */
		ACTIVE,

		/** Only actors no member runs. */
		PASSIVE

	}

}
