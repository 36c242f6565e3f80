package io.spawn.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The operations API for code: find and inspect stored actors, read their state and kept revisions, restore a
 * revision, list and cancel delayed calls and timers. The same operations as the proxy's {@code spawnactors} and
 * {@code spawntimers} actuator endpoints (docs/operations.md), with the same rules. Available in embedded mode.
 * Every write is logged on the {@code spawn.operations.audit} category.
 */
public interface SpawnOperations {

	/** Largest page size. */
	int MAX_PAGE_SIZE = 500;

	/**
	 * Lists a system's stored actors in name order, a page at a time. With a tag or activity filter a page may
	 * hold fewer actors than asked for, even none, and still have a next page (each page reads a bounded number of
	 * actors): page until {@link Page#nextPageToken()} is {@code null}.
	 * @param system the actor system
	 * @param parent only instances of this UNNAMED template, or {@code null}
	 * @param tag only actors tagged {@code key=value}, or {@code null}
	 * @param activity active, passive or both
	 * @param pageToken the previous page's {@link Page#nextPageToken()}, or {@code null} for the first page
	 * @param pageSize how many at most, 1 to {@value #MAX_PAGE_SIZE}
	 * @return the page
	 * @throws SpawnOperationsException for a malformed parameter, or when the store cannot be read
	 */
	Page<ActorInfo> list(String system, @Nullable String parent, @Nullable String tag, Activity activity,
			@Nullable String pageToken, int pageSize);

	/**
	 * Describes one stored actor.
	 * @param system the actor system
	 * @param actor the actor's name
	 * @return the actor, or empty when it has no stored state and no member runs it
	 */
	Optional<ActorInfo> find(String system, String actor);

	/**
	 * Reads an actor's latest stored state.
	 * @param system the actor system
	 * @param actor the actor's name
	 * @return the state, as JSON where it can be
	 * @throws SpawnOperationsException {@code NOT_FOUND} when nothing is stored
	 */
	StateInfo state(String system, String actor);

	/**
	 * Reads a kept revision of an actor's state.
	 * @param system the actor system
	 * @param actor the actor's name
	 * @param revision the revision
	 * @return the state at that revision
	 * @throws SpawnOperationsException {@code NOT_FOUND} when the revision is not kept
	 */
	StateInfo state(String system, String actor, long revision);

	/**
	 * The kept revisions of an actor, newest first.
	 * @param system the actor system
	 * @param actor the actor's name
	 * @return the revisions
	 */
	List<RevisionInfo> history(String system, String actor);

	/**
	 * Restores a kept revision: it becomes the actor's latest state, written as a new revision by the member that
	 * runs the actor, as a turn of the actor.
	 * @param system the actor system
	 * @param actor the actor's name
	 * @param revision the kept revision
	 * @return the actor after the restore
	 * @throws SpawnOperationsException {@code NOT_FOUND}, {@code CONFLICT} or {@code UNAVAILABLE}
	 */
	ActorInfo restore(String system, String actor, long revision);

	/**
	 * Lists delayed calls and timers of a system, or of one of its actors, in id order.
	 * @param system the actor system
	 * @param actor only this actor's, or {@code null}
	 * @param pageToken the previous page's {@link Page#nextPageToken()}, or {@code null}
	 * @param pageSize how many at most, 1 to {@value #MAX_PAGE_SIZE}
	 * @return the page
	 */
	Page<ScheduleInfo> schedules(String system, @Nullable String actor, @Nullable String pageToken, int pageSize);

	/**
	 * Cancels one delayed call or timer of an actor.
	 * @param system the actor system
	 * @param actor the actor's name
	 * @param id the schedule's id, from {@link #schedules}
	 * @throws SpawnOperationsException {@code NOT_FOUND} when the actor has no such schedule
	 */
	void cancelSchedule(String system, String actor, String id);

	/** Whether listed actors must be active. */
	enum Activity {

		/** Active and passive actors. */
		ANY,

		/** Actors a member runs now. */
		ACTIVE,

		/** Actors no member runs. */
		PASSIVE

	}

	/**
	 * A page of a listing.
	 * @param items the page
	 * @param nextPageToken the token of the next page, or {@code null} on the last one
	 * @param <T> what is listed
	 */
	record Page<T>(List<T> items, @Nullable String nextPageToken) {
	}

	/**
	 * A stored actor.
	 * @param system the actor system
	 * @param name the actor's name
	 * @param parent the template of an instance, or {@code null}
	 * @param revision the latest revision
	 * @param stateType the state's type URL, empty for none
	 * @param tags the stored tags
	 * @param updatedAt when the latest revision was written, or {@code null}
	 * @param active whether a member runs it now
	 * @param owner the member running it, or {@code null}
	 */
	record ActorInfo(String system, String name, @Nullable String parent, long revision, String stateType,
			Map<String, String> tags, @Nullable Instant updatedAt, boolean active, @Nullable String owner) {
	}

	/**
	 * A state made readable.
	 * @param revision the revision shown
	 * @param status {@code JSON}, {@code PROTOBUF_JSON}, {@code PROTOBUF_BYTES}, {@code EMPTY} or
	 * {@code UNREADABLE}
	 * @param typeUrl the state's type URL
	 * @param json the state as JSON text, or {@code null}
	 * @param base64 the protobuf bytes when the type is unknown, or {@code null}
	 * @param message why the state is not shown as JSON, or {@code null}
	 */
	record StateInfo(long revision, String status, String typeUrl, @Nullable String json, @Nullable String base64,
			@Nullable String message) {
	}

	/**
	 * A kept revision.
	 * @param revision the revision
	 * @param stateType the state's type URL at that revision
	 * @param node the member that wrote it
	 * @param writtenAt when
	 */
	record RevisionInfo(long revision, String stateType, String node, Instant writtenAt) {
	}

	/**
	 * A delayed call or timer.
	 * @param id its id
	 * @param system the target's system
	 * @param actor the target's name
	 * @param action the action it calls
	 * @param dueAt when it runs next
	 * @param intervalMillis a timer's period, 0 for a delayed call
	 * @param attempts how often its current occurrence was tried without completing
	 */
	record ScheduleInfo(String id, String system, String actor, String action, Instant dueAt, long intervalMillis,
			int attempts) {
	}

}
