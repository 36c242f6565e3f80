package io.spawn.proxy.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.log.LogAccessor;

/**
 * Counts and logs the requests refused for their credentials: meter {@code spawn.security.rejected} (tags
 * {@code transport} = http or grpc, {@code reason} = missing, invalid or forbidden), one WARN line each, naming
 * where the request came from and what it asked for, never the token it presented.
 */
public final class RejectedRequests {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(RejectedRequests.class));

	/** Longest part of a caller-supplied value (a path, a method name) that goes into a log line. */
	private static final int MAX_LOGGED = 200;

	private final MeterRegistry registry;

	public RejectedRequests(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Records one refused request.
	 * @param transport {@code http} or {@code grpc}
	 * @param reason why it was refused
	 * @param from the caller's address
	 * @param target what it asked for (method and path, or the gRPC method)
	 */
	public void rejected(String transport, Reason reason, String from, String target) {
		Counter.builder("spawn.security.rejected")
			.description("Requests refused for missing, wrong or insufficient credentials")
			.tag("transport", transport)
			.tag("reason", reason.tag())
			.register(this.registry)
			.increment();
		logger.warn(() -> "Refused " + loggable(target) + " from " + loggable(from) + " over " + transport + ": "
				+ reason.description());
	}

	/** Without line breaks or control characters a caller could use to forge log lines, and not too long. */
	static String loggable(String value) {
		StringBuilder safe = new StringBuilder(Math.min(value.length(), MAX_LOGGED + 3));
		for (int i = 0; i < value.length() && i < MAX_LOGGED; i++) {
			char c = value.charAt(i);
			safe.append(Character.isISOControl(c) ? '?' : c);
		}
		if (value.length() > MAX_LOGGED) {
			safe.append("...");
		}
		return safe.toString();
	}

	/** Why a request was refused. */
	public enum Reason {

		/** No bearer token. */
		MISSING("missing", "no bearer token"),

		/** A bearer token that is not the configured one. */
		INVALID("invalid", "a wrong bearer token"),

		/** An accepted identity that an access rule does not allow this call. */
		FORBIDDEN("forbidden", "not allowed by the access rules");

		private final String tag;

		private final String description;

		Reason(String tag, String description) {
			this.tag = tag;
			this.description = description;
		}

		String tag() {
			return this.tag;
		}

		String description() {
			return this.description;
		}

	}

}
