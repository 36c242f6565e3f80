package io.spawn.proxy.http;

import io.spawn.internal.runtime.InvocationStatus;

/**
 * The HTTP edge of the error vocabulary: the HTTP code of each outcome (the error table of {@code semantics.md}),
 * and the response header that names the outcome so that no client has to read it from a code or a message.
 *
 * <p>
 * The switch is exhaustive on purpose: a new {@link InvocationStatus} does not compile until it has a code here.
 */
public final class HttpStatuses {

	/**
	 * Response header of every protocol answer (and of the HTTP/JSON routes) naming the outcome: {@code OK} or the
	 * name of an {@link InvocationStatus} such as {@code REENTRANT_CALL}. Upstream proxies do not send it; clients
	 * fall back to the HTTP code.
	 */
	public static final String STATUS_HEADER = "Spawn-Status";

	private HttpStatuses() {
	}

	/**
	 * The HTTP code a proxy answers an outcome with.
	 * @param status the outcome
	 * @return the HTTP code
	 */
	public static int code(InvocationStatus status) {
		return switch (status) {
			case OK -> 200;
			case ACTOR_NOT_FOUND, ACTION_NOT_FOUND -> 404;
			case INVALID_REQUEST -> 400;
			case PAYLOAD_TOO_LARGE -> 413;
			case REENTRANT_CALL, STATE_CONFLICT -> 409;
			case MAILBOX_FULL -> 429;
			case ACTION_FAILED -> 500;
			case NOT_IMPLEMENTED -> 501;
			case BAD_HOST_RESPONSE -> 502;
			case UNAVAILABLE -> 503;
			case DEADLINE_EXCEEDED -> 504;
			case UNAUTHENTICATED -> 401;
			case PERMISSION_DENIED -> 403;
		};
	}

}
