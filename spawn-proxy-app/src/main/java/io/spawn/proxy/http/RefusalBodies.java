package io.spawn.proxy.http;

import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RequestStatus;
import java.nio.charset.StandardCharsets;

/**
 * The body of a request refused before any route ran (a missing token, an oversize body): a protocol
 * {@code InvocationResponse} on the Spawn routes ({@code /api/...}), a {@code google.rpc.Status} JSON, as the HTTP/JSON
 * contract routes answer their failures, everywhere else.
 */
public final class RefusalBodies {

	private RefusalBodies() {
	}

	/**
	 * The body of a refusal.
	 * @param path the request's decoded path
	 * @param status the outcome
	 * @param rpcCode the {@code google.rpc.Code} of the JSON form
	 * @param message what went wrong
	 * @return the body and its content type
	 */
	public static Body of(String path, InvocationStatus status, int rpcCode, String message) {
		if (path.startsWith("/api/")) {
			byte[] bytes = InvocationResponse.newBuilder()
				.setStatus(RequestStatus.newBuilder().setStatus(status.protocolStatus()).setMessage(message))
				.setNoop(Noop.getDefaultInstance())
				.build()
				.toByteArray();
			return new Body(bytes, "application/octet-stream");
		}
		String json = "{\"code\":" + rpcCode + ",\"message\":\"" + escape(message) + "\",\"details\":[]}";
		return new Body(json.getBytes(StandardCharsets.UTF_8), "application/json");
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	/**
	 * A refusal's body.
	 * @param bytes the body
	 * @param contentType its content type
	 */
	public record Body(byte[] bytes, String contentType) {
	}

}
