package io.spawn.proxy.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.spawn.internal.runtime.InvocationStatus;
import org.junit.jupiter.api.Test;

/**
 * Each outcome of a call has the gRPC code docs/grpc.md promises.
 */
class GrpcStatusesTests {

	@Test
	void mapsEveryOutcome() {
		assertThat(GrpcStatuses.code(InvocationStatus.OK)).isEqualTo(Status.Code.OK);
		assertThat(GrpcStatuses.code(InvocationStatus.ACTOR_NOT_FOUND)).isEqualTo(Status.Code.NOT_FOUND);
		assertThat(GrpcStatuses.code(InvocationStatus.ACTION_NOT_FOUND)).isEqualTo(Status.Code.NOT_FOUND);
		assertThat(GrpcStatuses.code(InvocationStatus.INVALID_REQUEST)).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(GrpcStatuses.code(InvocationStatus.PAYLOAD_TOO_LARGE)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(GrpcStatuses.code(InvocationStatus.MAILBOX_FULL)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(GrpcStatuses.code(InvocationStatus.REENTRANT_CALL)).isEqualTo(Status.Code.ABORTED);
		assertThat(GrpcStatuses.code(InvocationStatus.STATE_CONFLICT)).isEqualTo(Status.Code.ABORTED);
		assertThat(GrpcStatuses.code(InvocationStatus.NOT_IMPLEMENTED)).isEqualTo(Status.Code.UNIMPLEMENTED);
		assertThat(GrpcStatuses.code(InvocationStatus.UNAVAILABLE)).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(GrpcStatuses.code(InvocationStatus.DEADLINE_EXCEEDED)).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(GrpcStatuses.code(InvocationStatus.ACTION_FAILED)).isEqualTo(Status.Code.INTERNAL);
		assertThat(GrpcStatuses.code(InvocationStatus.BAD_HOST_RESPONSE)).isEqualTo(Status.Code.INTERNAL);
		assertThat(GrpcStatuses.code(InvocationStatus.UNAUTHENTICATED)).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(GrpcStatuses.code(InvocationStatus.PERMISSION_DENIED)).isEqualTo(Status.Code.PERMISSION_DENIED);
	}

	@Test
	void carriesTheRuntimesMessage() {
		assertThat(GrpcStatuses.status(InvocationStatus.MAILBOX_FULL, "mailbox of actor 'a' is full").getDescription())
			.isEqualTo("mailbox of actor 'a' is full");
	}

}
