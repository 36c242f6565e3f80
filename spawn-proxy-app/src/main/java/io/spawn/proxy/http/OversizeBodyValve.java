package io.spawn.proxy.http;

import io.spawn.internal.runtime.InvocationStatus;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Refuses, on every path of the web port, a request whose {@code Content-Length} declares more than
 * {@code spawn.proxy.http.max-request-size}, before any filter, route or the bearer token check runs, and without
 * reading a byte of its body: Tomcat is told not to drain the rest (it would otherwise read up to its
 * {@code max-swallow-size}, 2 MB, to keep the connection open), so the 413 goes out at once and the connection closes.
 * The answer has the route's usual error shape: protobuf with a {@code RequestStatus} under {@code /api/}
 * ({@code status} is field 1 of every protocol response), {@code google.rpc.Status} JSON elsewhere. A body without a
 * length (chunked) is counted while read, by {@link ProtocolBodyReader} and the contract routes.
 */
final class OversizeBodyValve extends ValveBase {

	private final long maxBytes;

	OversizeBodyValve(long maxBytes) {
		super(true);
		this.maxBytes = maxBytes;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		long declared = request.getContentLengthLong();
		if (declared <= this.maxBytes) {
			getNext().invoke(request, response);
			return;
		}
		request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
		String message = "request body of " + declared + " bytes exceeds the limit of " + this.maxBytes
				+ " bytes (spawn.proxy.http.max-request-size)";
		String uri = request.getDecodedRequestURI();
		// google.rpc code 8 is RESOURCE_EXHAUSTED.
		RefusalBodies.Body body = RefusalBodies.of((uri != null) ? uri : "", InvocationStatus.PAYLOAD_TOO_LARGE, 8,
				message);
		response.setContentType(body.contentType());
		response.setStatus(HttpStatuses.code(InvocationStatus.PAYLOAD_TOO_LARGE));
		response.setHeader(HttpStatuses.STATUS_HEADER, InvocationStatus.PAYLOAD_TOO_LARGE.name());
		response.setHeader("Connection", "close");
		response.setContentLength(body.bytes().length);
		response.getOutputStream().write(body.bytes());
		response.finishResponse();
	}

}
