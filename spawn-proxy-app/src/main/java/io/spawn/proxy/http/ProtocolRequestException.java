package io.spawn.proxy.http;

import io.spawn.internal.runtime.InvocationStatus;

/**
 * A protocol request refused before it reached the runtime: wrong content type (415), undecodable body (400),
 * body over the limit (413). Answered with status ERROR and this message; the {@link HttpStatuses#STATUS_HEADER}
 * says {@link InvocationStatus#PAYLOAD_TOO_LARGE} for 413 and {@link InvocationStatus#INVALID_REQUEST} otherwise.
 */
public class ProtocolRequestException extends RuntimeException {

	private final int httpStatus;

	public ProtocolRequestException(int httpStatus, String message) {
		super(message);
		this.httpStatus = httpStatus;
	}

	public ProtocolRequestException(int httpStatus, String message, Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
	}

	/**
	 * The HTTP status code of the answer.
	 * @return the code
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * The outcome this refusal stands for.
	 * @return the outcome
	 */
	public InvocationStatus status() {
		return (this.httpStatus == 413) ? InvocationStatus.PAYLOAD_TOO_LARGE : InvocationStatus.INVALID_REQUEST;
	}

}
