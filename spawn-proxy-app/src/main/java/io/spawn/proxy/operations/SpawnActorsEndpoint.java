package io.spawn.proxy.operations;

import io.spawn.internal.operations.ActorOperations;
import io.spawn.internal.operations.OperationsException;
import io.spawn.internal.state.ActorQuery;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/spawnactors}: a system's stored actors, one actor, its state, its kept revisions and its
 * schedules; restoring a revision and cancelling a schedule (docs/operations.md lists every path and its role).
 */
@Endpoint(id = "spawnactors")
public final class SpawnActorsEndpoint {

	private final ActorOperations operations;

	private final OperationsAccess access;

	SpawnActorsEndpoint(ActorOperations operations, OperationsAccess access) {
		this.operations = operations;
		this.access = access;
	}

	/** {@code GET /spawnactors/{system}?parent=&tag=key=value&activity=active|passive&pageToken=&pageSize=}. */
	@ReadOperation
	public WebEndpointResponse<Object> list(@Selector String system, @Nullable String parent, @Nullable String tag,
			@Nullable String activity, @Nullable String pageToken, @Nullable Integer pageSize,
			SecurityContext context) {
		WebEndpointResponse<Object> refused = this.access.refuseRead(context);
		if (refused != null) {
			return refused;
		}
		return OperationsResponses.answer(() -> OperationsResponses.page(
				this.operations.list(system, parent, tag, activity(activity), pageToken, pageSize)));
	}

	/** {@code GET /spawnactors/{system}/{actor}}: owner, revision, last update, tags. */
	@ReadOperation
	public WebEndpointResponse<Object> actor(@Selector String system, @Selector String actor,
			SecurityContext context) {
		WebEndpointResponse<Object> refused = this.access.refuseRead(context);
		if (refused != null) {
			return refused;
		}
		return OperationsResponses.answer(() -> this.operations.describe(system, actor));
	}

	/**
	 * {@code GET /spawnactors/{system}/{actor}/state}, {@code .../history} and
	 * {@code .../timers?pageToken=&pageSize=}.
	 */
	@ReadOperation
	public WebEndpointResponse<Object> view(@Selector String system, @Selector String actor, @Selector String view,
			@Nullable String pageToken, @Nullable Integer pageSize, SecurityContext context) {
		WebEndpointResponse<Object> refused = this.access.refuseRead(context);
		if (refused != null) {
			return refused;
		}
		return OperationsResponses.answer(() -> switch (view) {
			case "state" -> OperationsResponses.state(this.operations.state(system, actor));
			case "history" -> Map.of("revisions", this.operations.history(system, actor));
			case "timers" -> OperationsResponses.page(this.operations.schedules(system, actor, pageToken, pageSize));
			default -> throw new OperationsException(OperationsException.Reason.NOT_FOUND,
					"no view '" + view + "' of an actor; use state, history or timers");
		});
	}

	/** {@code GET /spawnactors/{system}/{actor}/history/{revision}}: the state at a kept revision. */
	@ReadOperation
	public WebEndpointResponse<Object> revision(@Selector String system, @Selector String actor,
			@Selector String view, @Selector String revision, SecurityContext context) {
		WebEndpointResponse<Object> refused = this.access.refuseRead(context);
		if (refused != null) {
			return refused;
		}
		return OperationsResponses.answer(() -> {
			if (!"history".equals(view)) {
				throw new OperationsException(OperationsException.Reason.NOT_FOUND,
						"no view '" + view + "/" + revision + "' of an actor; use history/{revision}");
			}
			return OperationsResponses.state(this.operations.state(system, actor, number(revision)));
		});
	}

	/** {@code POST /spawnactors/{system}/{actor}} with {@code {"revision": n}}: restores a kept revision. */
	@WriteOperation
	public WebEndpointResponse<Object> restore(@Selector String system, @Selector String actor,
			@Nullable String revision, SecurityContext context) {
		WebEndpointResponse<Object> refused = this.access.refuseWrite(context);
		if (refused != null) {
			return refused;
		}
		return OperationsResponses.answer(() -> {
			if (revision == null) {
				throw new OperationsException(OperationsException.Reason.INVALID,
						"a restore needs the revision: POST {\"revision\": n}");
			}
			return this.operations.restore(system, actor, number(revision), OperationsAccess.principal(context));
		});
	}

	/** {@code DELETE /spawnactors/{system}/{actor}/timers?id=}: cancels one delayed call or timer. */
	@DeleteOperation
	public WebEndpointResponse<Object> cancel(@Selector String system, @Selector String actor,
			@Selector String view, @Nullable String id, SecurityContext context) {
		WebEndpointResponse<Object> refused = this.access.refuseWrite(context);
		if (refused != null) {
			return refused;
		}
		return OperationsResponses.answer(() -> {
			if (!"timers".equals(view)) {
				throw new OperationsException(OperationsException.Reason.NOT_FOUND,
						"only timers can be deleted: DELETE .../{actor}/timers?id=");
			}
			if (id == null || id.isBlank()) {
				throw new OperationsException(OperationsException.Reason.INVALID,
						"a cancellation needs the schedule's id: DELETE .../timers?id=");
			}
			this.operations.cancel(system, actor, id, OperationsAccess.principal(context));
			return Map.of("cancelled", id);
		});
	}

	static ActorQuery.Activity activity(@Nullable String activity) {
		if (activity == null || activity.isEmpty()) {
			return ActorQuery.Activity.ANY;
		}
		try {
			return ActorQuery.Activity.valueOf(activity.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new OperationsException(OperationsException.Reason.INVALID,
					"activity must be active, passive or any, was '" + activity + "'");
		}
	}

	private static long number(String revision) {
		try {
			return Long.parseLong(revision.trim());
		}
		catch (NumberFormatException ex) {
			throw new OperationsException(OperationsException.Reason.INVALID,
					"revision must be a number, was '" + revision + "'");
		}
	}

}
