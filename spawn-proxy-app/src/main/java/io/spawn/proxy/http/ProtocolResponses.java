package io.spawn.proxy.http;

import com.google.protobuf.Message;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.RequestStatus;
import io.spawn.protocol.SpawnResponse;
import io.spawn.protocol.Status;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.commons.logging.LogFactory;
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

	static RequestStatus error(String message) {
		return RequestStatus.newBuilder().setStatus(Status.ERROR).setMessage(message).build();
	}

	static RegistrationResponse registrationError(String message) {
		return RegistrationResponse.newBuilder().setStatus(error(message)).build();
	}

	static SpawnResponse spawnError(String message) {
		return SpawnResponse.newBuilder().setStatus(error(message)).build();
	}

	static InvocationResponse invocationError(String message) {
		return InvocationResponse.newBuilder().setStatus(error(message)).setNoop(Noop.getDefaultInstance()).build();
	}

	/**
	 * Writes a protocol answer.
	 * @param response the HTTP response
	 * @param status the HTTP code
	 * @param body the message
	 * @param flush whether to send it at once, before the request body is consumed
	 */
	static void write(HttpServletResponse response, int status, Message body, boolean flush) {
		byte[] bytes = body.toByteArray();
		response.setStatus(status);
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

		Message create(String message);

	}

}
