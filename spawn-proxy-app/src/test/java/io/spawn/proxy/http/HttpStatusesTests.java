package io.spawn.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.client.CallStatus;
import io.spawn.internal.runtime.InvocationStatus;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP code of every outcome, as the error table of semantics.md and docs/proxy.md state it.
 */
class HttpStatusesTests {

	@Test
	void everyOutcomeHasTheCodeOfTheErrorTable() {
		Map<InvocationStatus, Integer> table = new EnumMap<>(InvocationStatus.class);
		table.put(InvocationStatus.OK, 200);
		table.put(InvocationStatus.ACTOR_NOT_FOUND, 404);
		table.put(InvocationStatus.ACTION_NOT_FOUND, 404);
		table.put(InvocationStatus.INVALID_REQUEST, 400);
		table.put(InvocationStatus.PAYLOAD_TOO_LARGE, 413);
		table.put(InvocationStatus.REENTRANT_CALL, 409);
		table.put(InvocationStatus.STATE_CONFLICT, 409);
		table.put(InvocationStatus.MAILBOX_FULL, 429);
		table.put(InvocationStatus.ACTION_FAILED, 500);
		table.put(InvocationStatus.NOT_IMPLEMENTED, 501);
		table.put(InvocationStatus.BAD_HOST_RESPONSE, 502);
		table.put(InvocationStatus.UNAVAILABLE, 503);
		table.put(InvocationStatus.DEADLINE_EXCEEDED, 504);
		table.put(InvocationStatus.UNAUTHENTICATED, 401);
		table.put(InvocationStatus.PERMISSION_DENIED, 403);

		assertThat(table).containsOnlyKeys(InvocationStatus.values());
		table.forEach((status, code) -> assertThat(HttpStatuses.code(status)).as(status.name()).isEqualTo(code));
	}

	@Test
	void everyOutcomeTheHeaderNamesIsOneTheStartersClientKnows() {
		for (InvocationStatus status : InvocationStatus.values()) {
			if (status != InvocationStatus.OK) {
				assertThat(CallStatus.valueOf(status.name())).as(status.name()).isNotNull();
			}
		}
		assertThat(CallStatus.values()).hasSize(InvocationStatus.values().length - 1);
	}

	@Test
	void onlyUnavailableIsTheRetriable503() {
		for (InvocationStatus status : InvocationStatus.values()) {
			assertThat(HttpStatuses.code(status) == 503).as(status.name())
				.isEqualTo(status == InvocationStatus.UNAVAILABLE);
		}
	}

}
