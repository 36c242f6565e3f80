package io.spawn.internal.operations;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Opaque page tokens: the last key of a page (an actor's name, a schedule's id), base64url-encoded with a
 * version prefix so that a malformed or foreign token is refused with a clear message.
 */
final class PageTokens {

	private static final String PREFIX = "v1:";

	private PageTokens() {
	}

	static String encode(String lastKey) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
	}

	static @Nullable String decode(@Nullable String token) {
		if (token == null || token.isEmpty()) {
			return null;
		}
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(token);
		}
		if (!text.startsWith(PREFIX)) {
			throw invalid(token);
		}
		return text.substring(PREFIX.length());
	}

	private static OperationsException invalid(String token) {
		return new OperationsException(OperationsException.Reason.INVALID, "page token '" + token
				+ "' is not one this API issued; pass the nextPageToken of the previous page, or none for the first");
	}

}
