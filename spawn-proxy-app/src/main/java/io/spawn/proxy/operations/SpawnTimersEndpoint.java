package io.spawn.proxy.operations;

import io.spawn.internal.operations.ActorOperations;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/spawntimers/{system}?actor=&pageToken=&pageSize=}: the delayed calls and timer actions of a
 * system (or of one of its actors), with due time, action and attempts. Cancel one through
 * {@code DELETE /actuator/spawnactors/{system}/{actor}/timers?id=}.
 */
@Endpoint(id = "spawntimers")
public final class SpawnTimersEndpoint {

	private final ActorOperations operations;

	private final OperationsAccess access;

	SpawnTimersEndpoint(ActorOperations operations, OperationsAccess access) {
		this.operations = operations;
		this.access = access;
	}

	@ReadOperation
	public WebEndpointResponse<Object> list(@Selector String system, @Nullable String actor,
			@Nullable String pageToken, @Nullable Integer pageSize, SecurityContext context) {
		WebEndpointResponse<Object> refused = this.access.refuseRead(context);
		if (refused != null) {
			return refused;
		}
		return OperationsResponses.answer(() -> OperationsResponses.page(this.operations.schedules(system,
				(actor == null || actor.isEmpty()) ? null : actor, pageToken, pageSize)));
	}

}
