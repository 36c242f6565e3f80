package io.spawn.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.client.CallStatus;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The HTTP edge of the REST routes: the code of each failed call.
 */
class ActorRestRoutesTests {

	@Test
	void everyFailureHasTheCodeOfTheProxysErrorTable() {
		assertThat(ActorRestRoutes.httpStatus(CallStatus.ACTOR_NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.ACTION_NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.INVALID_REQUEST)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.REENTRANT_CALL)).isEqualTo(HttpStatus.CONFLICT);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.MAILBOX_FULL)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.ACTION_FAILED)).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.BAD_HOST_RESPONSE)).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.UNAVAILABLE)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.DEADLINE_EXCEEDED)).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.UNAUTHENTICATED)).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(ActorRestRoutes.httpStatus(CallStatus.PERMISSION_DENIED)).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void onlyUnavailableInvitesARetryElsewhere() {
		Set<CallStatus> retriable = EnumSet.noneOf(CallStatus.class);
		for (CallStatus status : CallStatus.values()) {
			if (ActorRestRoutes.httpStatus(status) == HttpStatus.SERVICE_UNAVAILABLE) {
				retriable.add(status);
			}
		}
		assertThat(retriable).containsExactly(CallStatus.UNAVAILABLE);
	}

}
