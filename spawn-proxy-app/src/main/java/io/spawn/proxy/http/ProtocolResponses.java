package io.spawn.proxy.http;

import com.google.protobuf.Message;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.RequestStatus;
import io.spawn.protocol.SpawnResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Protocol answers: error bodies of each route's response type, and the writing of a message as
 * {@code application/octet-stream}.
 */
final class ProtocolResponses {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(ProtocolResponses.class));

	/** The content type of every protocol answer, as upstream proxies send it. */
	static final String CONTENT_TYPE = "application/octet-stream";

	private ProtocolResponses() {
	}

	static RequestStatus error(InvocationStatus status, String message) {
		return RequestStatus.newBuilder().setStatus(status.protocolStatus()).setMessage(message).build();
	}

	static RegistrationResponse registrationError(InvocationStatus status, String message) {
		return RegistrationResponse.newBuilder().setStatus(error(status, message)).build();
	}

	static SpawnResponse spawnError(InvocationStatus status, String message) {
		return SpawnResponse.newBuilder().setStatus(error(status, message)).build();
	}

	static InvocationResponse invocationError(InvocationStatus status, String message) {
		return InvocationResponse.newBuilder()
			.setStatus(error(status, message))
			.setNoop(Noop.getDefaultInstance())
			.build();
	}

	/**
	 * Writes a protocol answer.
	 * @param response the HTTP response
	 * @param httpStatus the HTTP code
	 * @param status the outcome, sent in {@link HttpStatuses#STATUS_HEADER}; {@code null} when none applies (a
	 * failure in the proxy itself)
	 * @param body the message
	 * @param flush whether to send it at once, before the request body is consumed
	 */
	static void write(HttpServletResponse response, int httpStatus, @Nullable InvocationStatus status, Message body,
			boolean flush) {
		byte[] bytes = body.toByteArray();
		response.setStatus(httpStatus);
		if (status != null) {
			response.setHeader(HttpStatuses.STATUS_HEADER, status.name());
		}
		response.setContentType(CONTENT_TYPE);
		response.setContentLength(bytes.length);
		try {
			response.getOutputStream().write(bytes);
			if (flush) {
				response.flushBuffer();
			}
		}
		catch (IOException ex) {
			// The caller went away; nothing to answer.
			logger.debug(ex, "Could not write a protocol answer");
		}
	}

	/** Builds the error body of one route's response type. */
	@FunctionalInterface
	interface ErrorBody {

		Message create(InvocationStatus status, String message);

	}

}
