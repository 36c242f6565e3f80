package io.spawn.client;

/**
 * Why a call failed, with the HTTP code the sidecar protocol uses for it.
 */
public enum CallStatus {

	ACTOR_NOT_FOUND(404), ACTION_NOT_FOUND(404), INVALID_REQUEST(400), PAYLOAD_TOO_LARGE(413), REENTRANT_CALL(409),
	STATE_CONFLICT(409), MAILBOX_FULL(429), ACTION_FAILED(500), NOT_IMPLEMENTED(501), BAD_HOST_RESPONSE(502),
	UNAVAILABLE(503), DEADLINE_EXCEEDED(504);

	private final int httpStatus;

	CallStatus(int httpStatus) {
		this.httpStatus = httpStatus;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

}
