package io.spawn.internal.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the code of {@code Effect.error(code, message)} travels: the protocol has only a message, so the code
 * leads it in brackets ({@code [insufficient-funds] cannot take 50 from 10}), which any Spawn SDK can read.
 */
public final class ErrorCodes {

	private static final Pattern CODED = Pattern.compile("^\\[([^\\]]+)\\] (.*)$", Pattern.DOTALL);

	private ErrorCodes() {
	}

	public static String encode(String code, String message) {
		return "[" + code + "] " + message;
	}

	/**
	 * Splits a failure message into its code and text.
	 * @param message the message
	 * @return the parts; the code is {@code null} when the message carries none
	 */
	public static Parsed parse(String message) {
		Matcher matcher = CODED.matcher(message);
		return matcher.matches() ? new Parsed(matcher.group(1), matcher.group(2)) : new Parsed(null, message);
	}

	/**
	 * A failure message split up.
	 * @param code the code, or {@code null}
	 * @param message the text
	 */
	public record Parsed(@Nullable String code, String message) {
	}

}
