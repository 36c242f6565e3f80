package io.spawn.proxy.http;

import io.spawn.protocol.InvocationRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * W3C trace context of a call. The {@code traceparent} travels to the host in the call's metadata (which the
 * runtime passes on as {@code Context.metadata}); when a caller sends it as an HTTP header only, it is copied
 * into the metadata. Its trace and span ids go into the logging MDC ({@code traceId}, {@code spanId}) while the
 * route handles the call.
 */
final class TraceContext {

	static final String TRACEPARENT = "traceparent";

	static final String TRACE_ID = "traceId";

	static final String SPAN_ID = "spanId";

	private static final Pattern FORMAT = Pattern
		.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	private TraceContext() {
	}

	/**
	 * Adds the header's {@code traceparent} to the call's metadata unless the call carries one already.
	 * @param request the call
	 * @param header the HTTP header's value, or {@code null}
	 * @return the call, with the trace context when there is one
	 */
	static InvocationRequest propagate(InvocationRequest request, @Nullable String header) {
		if (request.containsMetadata(TRACEPARENT) || header == null) {
			return request;
		}
		String value = header.strip();
		if (!FORMAT.matcher(value).matches()) {
			return request;
		}
		return request.toBuilder().putMetadata(TRACEPARENT, value).build();
	}

	/**
	 * Puts the trace and span ids of {@code traceparent} into the MDC.
	 * @param traceparent the trace context, or {@code null}
	 * @return whether ids were put (and must be removed with {@link #clear()})
	 */
	static boolean enter(@Nullable String traceparent) {
		if (traceparent == null) {
			return false;
		}
		Matcher matcher = FORMAT.matcher(traceparent.strip());
		if (!matcher.matches()) {
			return false;
		}
		MDC.put(TRACE_ID, matcher.group(2));
		MDC.put(SPAN_ID, matcher.group(3));
		return true;
	}

	static void clear() {
		MDC.remove(TRACE_ID);
		MDC.remove(SPAN_ID);
	}

}
