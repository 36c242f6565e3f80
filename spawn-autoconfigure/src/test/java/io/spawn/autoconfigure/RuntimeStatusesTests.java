package io.spawn.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.client.CallStatus;
import io.spawn.internal.runtime.InvocationStatus;
import org.junit.jupiter.api.Test;

/**
 * The embedded runtime's outcomes as a caller sees them.
 */
class RuntimeStatusesTests {

	@Test
	void okIsNoFailureAndEveryFailureKeepsItsName() {
		assertThat(RuntimeStatuses.callStatus(InvocationStatus.OK)).isNull();
		for (InvocationStatus status : InvocationStatus.values()) {
			if (status != InvocationStatus.OK) {
				assertThat(RuntimeStatuses.callStatus(status)).as(status.name())
					.isEqualTo(CallStatus.valueOf(status.name()));
			}
		}
	}

	@Test
	void everyCallStatusIsReachedFromTheRuntime() {
		for (CallStatus status : CallStatus.values()) {
			assertThat(RuntimeStatuses.callStatus(InvocationStatus.valueOf(status.name()))).isEqualTo(status);
		}
	}

}
