package io.spawn.internal.operations;

import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.schedule.ScheduleEntry;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorListing;
import io.spawn.internal.state.ActorQuery;
import io.spawn.internal.state.ActorRecord;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.RevisionRecord;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.state.StoredState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * What an operator can read and do: list and describe actors, read their state and its kept revisions, restore a
 * revision, list and cancel delayed calls and timers. Reads come from the store and the scheduler, which a
 * cluster shares, so every member gives the same answer; "active" and "owner" are the actor's lease. Writes go
 * through the runtime as turns of the actor (a restore) or through the scheduler (a cancellation), and each is
 * logged at INFO on the {@code spawn.operations.audit} category with the principal who asked.
 */
public final class ActorOperations {

	/** The audit log's category. */
	public static final String AUDIT_CATEGORY = "spawn.operations.audit";

	/** Page size when none is asked for. */
	public static final int DEFAULT_PAGE_SIZE = 100;

	/** Largest page size: a bigger one is refused. */
	public static final int MAX_PAGE_SIZE = 500;

	private static final LogAccessor audit = new LogAccessor(LogFactory.getLog(AUDIT_CATEGORY));

	private final ActorStateStore store;

	private final InvocationScheduler scheduler;

	private final ActorRuntime runtime;

	private final StateRenderer renderer;

	private final Duration writeTimeout;

	/**
	 * Creates the operations of one runtime.
	 * @param store the runtime's state store
	 * @param scheduler the runtime's scheduler
	 * @param runtime the runtime, for restores and, without leases, for what is in memory
	 * @param types the protobuf message types known from registration
	 * @param writeTimeout how long a restore may take
	 */
	public ActorOperations(ActorStateStore store, InvocationScheduler scheduler, ActorRuntime runtime,
			MessageTypes types, Duration writeTimeout) {
		this.store = store;
		this.scheduler = scheduler;
		this.runtime = runtime;
		this.renderer = new StateRenderer(types);
		this.writeTimeout = writeTimeout;
	}

	/**
	 * Lists a system's stored actors in name order. With a tag or activity filter a page may hold fewer actors than
	 * asked for, even none, and still have a next page: the store reads a bounded number of actors per page.
	 * @param system the system
	 * @param parent only instances of this template, or {@code null}
	 * @param tag only actors tagged {@code key=value}, or {@code null}
	 * @param activity active, passive or both
	 * @param pageToken the previous page's {@code nextPageToken}, or {@code null} for the first page
	 * @param pageSize how many at most, or {@code null} for {@value #DEFAULT_PAGE_SIZE}
	 * @return the page
	 * @throws OperationsException INVALID for a malformed parameter, UNAVAILABLE when the store cannot be read
	 */
	public Page<ActorView> list(String system, @Nullable String parent, @Nullable String tag,
			ActorQuery.Activity activity, @Nullable String pageToken, @Nullable Integer pageSize) {
		requireName(system, "system");
		int size = pageSize(pageSize);
		String tagKey = null;
		String tagValue = null;
		if (tag != null && !tag.isEmpty()) {
			int equals = tag.indexOf('=');
			if (equals <= 0) {
				throw new OperationsException(OperationsException.Reason.INVALID,
						"tag filter '" + tag + "' must be key=value");
			}
			tagKey = tag.substring(0, equals);
			tagValue = tag.substring(equals + 1);
		}
		String after = PageTokens.decode(pageToken);
		boolean leases = hasLeases();
		ActorQuery query = new ActorQuery(system, (parent == null || parent.isEmpty()) ? null : parent, tagKey,
				tagValue, leases ? activity : ActorQuery.Activity.ANY, after, size + 1);
		ActorListing listing = read(() -> this.store.list(query));
		List<ActorView> views = new ArrayList<>();
		String last = null;
		for (ActorRecord record : listing.records()) {
			if (views.size() == size) {
				return new Page<>(views, PageTokens.encode(last));
			}
			last = record.key().name();
			ActorView view = view(record, leases);
			if (leases || activity == ActorQuery.Activity.ANY || view.active() == (activity == ActorQuery.Activity.ACTIVE)) {
				views.add(view);
			}
		}
		// A filtered read may stop early so that each page costs a bounded read: the page is short (even empty)
		// and the listing goes on after what was read.
		String resume = listing.resumeAfter();
		return new Page<>(views, (resume != null) ? PageTokens.encode(resume) : null);
	}

	/**
	 * Describes one actor.
	 * @param system the system
	 * @param actor the actor's name
	 * @return the actor
	 * @throws OperationsException NOT_FOUND when it has neither stored state nor a lease
	 */
	public ActorView describe(String system, String actor) {
		ActorKey key = key(system, actor);
		boolean leases = hasLeases();
		Optional<ActorRecord> record = read(() -> this.store.describe(key));
		if (record.isPresent()) {
			return view(record.get(), leases);
		}
		if (!leases && this.runtime.isActive(system, actor)) {
			return new ActorView(system, actor, null, 0, "", java.util.Map.of(), null, true,
					this.runtime.ownerOf(system, actor));
		}
		throw notFound(key);
	}

	/**
	 * Reads an actor's latest stored state, rendered as JSON where possible. It reads what is stored: changes the
	 * actor has not written yet (write-behind) are not shown.
	 * @param system the system
	 * @param actor the actor's name
	 * @return the state, or a view saying why it cannot be shown
	 * @throws OperationsException NOT_FOUND when nothing is stored
	 */
	public StateView state(String system, String actor) {
		ActorKey key = key(system, actor);
		ActorRecord record = read(() -> this.store.describe(key)).orElseThrow(() -> notFound(key));
		try {
			Optional<StoredState> stored = this.store.load(key);
			if (stored.isEmpty()) {
				throw notFound(key);
			}
			return this.renderer.render(key, stored.get().revision(), stored.get().state());
		}
		catch (StateStoreException ex) {
			return StateRenderer.unreadable(key, record.revision(), record.stateType(), ex.getMessage());
		}
	}

	/**
	 * Reads one kept revision of an actor's state.
	 * @param system the system
	 * @param actor the actor's name
	 * @param revision the revision
	 * @return the state at that revision, or a view saying why it cannot be shown
	 * @throws OperationsException NOT_FOUND when the revision is not kept
	 */
	public StateView state(String system, String actor, long revision) {
		ActorKey key = key(system, actor);
		positive(revision);
		try {
			StoredState stored = this.store.load(key, revision).orElseThrow(() -> new OperationsException(
					OperationsException.Reason.NOT_FOUND, "revision " + revision + " of actor '" + key + "' is not kept"));
			return this.renderer.render(key, revision, stored.state());
		}
		catch (StateStoreException ex) {
			String type = read(() -> this.store.history(key, MAX_PAGE_SIZE)).stream()
				.filter((kept) -> kept.revision() == revision)
				.map(RevisionRecord::stateType)
				.findFirst()
				.orElseThrow(() -> new OperationsException(OperationsException.Reason.UNAVAILABLE,
						"state store unavailable: " + ex.getMessage(), ex));
			return StateRenderer.unreadable(key, revision, type, ex.getMessage());
		}
	}

	/**
	 * The kept revisions of an actor, newest first.
	 * @param system the system
	 * @param actor the actor's name
	 * @return at most {@value #MAX_PAGE_SIZE} revisions
	 * @throws OperationsException NOT_FOUND when the actor has no stored state
	 */
	public List<RevisionView> history(String system, String actor) {
		ActorKey key = key(system, actor);
		List<RevisionRecord> revisions = read(() -> this.store.history(key, MAX_PAGE_SIZE));
		if (revisions.isEmpty() && read(() -> this.store.describe(key)).isEmpty()) {
			throw notFound(key);
		}
		return revisions.stream()
			.map((r) -> new RevisionView(r.revision(), r.stateType(), r.node(), Instant.ofEpochMilli(r.writtenAtMillis())))
			.toList();
	}

	/**
	 * Restores a kept revision as a turn of the actor, on the member that runs it; the revision becomes the
	 * latest one, written as a new revision.
	 * @param system the system
	 * @param actor the actor's name
	 * @param revision the kept revision
	 * @param principal who asked, for the audit log
	 * @return the actor after the restore
	 * @throws OperationsException NOT_FOUND for an unknown actor or a revision not kept, CONFLICT when the actor
	 * keeps no state or its state changed meanwhile, UNAVAILABLE when it did not answer in time
	 */
	public ActorView restore(String system, String actor, long revision, String principal) {
		ActorKey key = key(system, actor);
		positive(revision);
		InvocationResult result;
		try {
			result = this.runtime.restoreState(system, actor, revision)
				.get(this.writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OperationsException(OperationsException.Reason.UNAVAILABLE, "interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			audit.info(() -> principal + " restore of revision " + revision + " of actor '" + key
					+ "': no answer within " + this.writeTimeout.toMillis() + " ms");
			throw new OperationsException(OperationsException.Reason.UNAVAILABLE, "the restore of revision "
					+ revision + " of actor '" + key + "' did not complete in " + this.writeTimeout.toMillis()
					+ " ms; it may still run: read the actor's history to see", ex);
		}
		audit.info(() -> principal + " restore of revision " + revision + " of actor '" + key + "': "
				+ result.status() + (result.ok() ? "" : " (" + result.message() + ")"));
		if (!result.ok()) {
			throw new OperationsException(reasonOf(result.status()), result.message());
		}
		return describe(system, actor);
	}

	/**
	 * Lists delayed calls and timers of a system, or of one actor, in id order.
	 * @param system the system
	 * @param actor only this actor's, or {@code null}
	 * @param pageToken the previous page's {@code nextPageToken}, or {@code null}
	 * @param pageSize how many at most, or {@code null} for {@value #DEFAULT_PAGE_SIZE}
	 * @return the page
	 */
	public Page<ScheduleView> schedules(String system, @Nullable String actor, @Nullable String pageToken,
			@Nullable Integer pageSize) {
		requireName(system, "system");
		if (actor != null) {
			requireName(actor, "actor");
		}
		int size = pageSize(pageSize);
		String after = PageTokens.decode(pageToken);
		List<ScheduleEntry> entries = read(() -> this.scheduler.list(system, actor, after, size + 1));
		List<ScheduleView> views = new ArrayList<>();
		for (ScheduleEntry entry : entries) {
			if (views.size() == size) {
				return new Page<>(views, PageTokens.encode(views.get(size - 1).id()));
			}
			views.add(new ScheduleView(entry.id(), entry.actor().system(), entry.actor().name(), entry.action(),
					Instant.ofEpochMilli(entry.dueAtMillis()), entry.intervalMillis(),
					entry.recurring() ? "timer" : "delayed-call", entry.attempts()));
		}
		return new Page<>(views, null);
	}

	/**
	 * Cancels one delayed call or timer of an actor.
	 * @param system the system
	 * @param actor the actor's name
	 * @param id the schedule's id, from {@link #schedules}
	 * @param principal who asked, for the audit log
	 * @throws OperationsException NOT_FOUND when the actor has no schedule with that id
	 */
	public void cancel(String system, String actor, String id, String principal) {
		ActorKey key = key(system, actor);
		requireName(id, "id");
		boolean owned = false;
		String after = null;
		do {
			String from = after;
			List<ScheduleEntry> entries = read(() -> this.scheduler.list(system, actor, from, MAX_PAGE_SIZE));
			for (ScheduleEntry entry : entries) {
				owned |= entry.id().equals(id);
			}
			after = (entries.size() == MAX_PAGE_SIZE) ? entries.get(entries.size() - 1).id() : null;
		}
		while (!owned && after != null);
		boolean cancelled = owned && read(() -> this.scheduler.cancel(id));
		audit.info(() -> principal + " cancellation of schedule '" + id + "' of actor '" + key + "': "
				+ (cancelled ? "cancelled" : "not found"));
		if (!cancelled) {
			throw new OperationsException(OperationsException.Reason.NOT_FOUND,
					"actor '" + key + "' has no delayed call or timer '" + id + "'");
		}
	}

	private ActorView view(ActorRecord record, boolean leases) {
		ActorKey key = record.key();
		boolean active;
		String owner;
		if (leases) {
			owner = record.owner();
			active = owner != null;
		}
		else {
			active = this.runtime.isActive(key.system(), key.name());
			owner = active ? this.runtime.ownerOf(key.system(), key.name()) : null;
		}
		return new ActorView(key.system(), key.name(), record.parent(), record.revision(), record.stateType(),
				record.tags(), (record.updatedAtMillis() > 0) ? Instant.ofEpochMilli(record.updatedAtMillis()) : null,
				active, owner);
	}

	/** Whether the store keeps leases (a shared, durable store) rather than one node's memory. */
	private boolean hasLeases() {
		return this.store.leaseHeldUntil(0) != Long.MAX_VALUE;
	}

	private static <T> T read(Supplier<T> read) {
		try {
			return read.get();
		}
		catch (StateStoreException | UnsupportedOperationException ex) {
			throw new OperationsException(OperationsException.Reason.UNAVAILABLE,
					"state store unavailable: " + ex.getMessage(), ex);
		}
	}

	private static int pageSize(@Nullable Integer pageSize) {
		if (pageSize == null) {
			return DEFAULT_PAGE_SIZE;
		}
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new OperationsException(OperationsException.Reason.INVALID,
					"pageSize must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize);
		}
		return pageSize;
	}

	private static void positive(long revision) {
		if (revision < 1) {
			throw new OperationsException(OperationsException.Reason.INVALID,
					"revision must be a positive number, was " + revision);
		}
	}

	private static ActorKey key(String system, String actor) {
		requireName(system, "system");
		requireName(actor, "actor");
		return new ActorKey(system, actor);
	}

	private static void requireName(String value, String what) {
		if (value.isBlank()) {
			throw new OperationsException(OperationsException.Reason.INVALID, what + " is required");
		}
	}

	private static OperationsException notFound(ActorKey key) {
		return new OperationsException(OperationsException.Reason.NOT_FOUND, "no stored actor '" + key.name()
				+ "' in system '" + key.system() + "' (it never wrote state, or its state was deleted)");
	}

	private static OperationsException.Reason reasonOf(InvocationStatus status) {
		return switch (status) {
			case ACTOR_NOT_FOUND -> OperationsException.Reason.NOT_FOUND;
			case INVALID_REQUEST, STATE_CONFLICT -> OperationsException.Reason.CONFLICT;
			default -> OperationsException.Reason.UNAVAILABLE;
		};
	}

}
