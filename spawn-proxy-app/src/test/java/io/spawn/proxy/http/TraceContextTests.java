package io.spawn.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.protocol.InvocationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The trace context of a call: from the HTTP header into the metadata when the call has none, and into the MDC.
 */
class TraceContextTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@AfterEach
	void clear() {
		TraceContext.clear();
	}

	@Test
	void copiesTheHeaderIntoMetadataThatHasNone() {
		InvocationRequest call = TraceContext.propagate(InvocationRequest.getDefaultInstance(), TRACEPARENT);

		assertThat(call.getMetadataMap()).containsEntry("traceparent", TRACEPARENT);
	}

	@Test
	void keepsTheCallsOwnTraceparent() {
		InvocationRequest own = InvocationRequest.newBuilder().putMetadata("traceparent", "00-own").build();

		assertThat(TraceContext.propagate(own, TRACEPARENT)).isSameAs(own);
	}

	@Test
	void ignoresAMalformedHeader() {
		InvocationRequest call = TraceContext.propagate(InvocationRequest.getDefaultInstance(),
				TRACEPARENT + "\r\nX-Injected: 1");

		assertThat(call.getMetadataMap()).doesNotContainKey("traceparent");
	}

	@Test
	void putsTraceAndSpanIdsIntoTheMdc() {
		assertThat(TraceContext.enter(TRACEPARENT)).isTrue();

		assertThat(MDC.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(MDC.get("spanId")).isEqualTo("00f067aa0ba902b7");
		TraceContext.clear();
		assertThat(MDC.get("traceId")).isNull();
	}

}
