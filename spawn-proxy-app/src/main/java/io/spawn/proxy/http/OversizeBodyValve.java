package io.spawn.proxy.http;

import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RequestStatus;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
		byte[] body;
		if (uri != null && uri.startsWith("/api/")) {
			body = InvocationResponse.newBuilder()
				.setStatus(RequestStatus.newBuilder()
					.setStatus(InvocationStatus.PAYLOAD_TOO_LARGE.protocolStatus())
					.setMessage(message))
				.setNoop(Noop.getDefaultInstance())
				.build()
				.toByteArray();
			response.setContentType("application/octet-stream");
		}
		else {
			// google.rpc.Status as the HTTP/JSON routes answer; code 8 is RESOURCE_EXHAUSTED.
			body = ("{\"code\":8,\"message\":\"" + message + "\",\"details\":[]}").getBytes(StandardCharsets.UTF_8);
			response.setContentType("application/json");
		}
		response.setStatus(HttpStatuses.code(InvocationStatus.PAYLOAD_TOO_LARGE));
		response.setHeader(HttpStatuses.STATUS_HEADER, InvocationStatus.PAYLOAD_TOO_LARGE.name());
		response.setHeader("Connection", "close");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.finishResponse();
	}

}
