package io.spawn.proxy.http;

/**
 * A protocol request refused before it reached the runtime: wrong content type (415), undecodable body (400),
 * body over the limit (413). Answered with status ERROR and this message.
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

}
