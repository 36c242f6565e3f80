package io.spawn.internal.state.jpa;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.StateEncryption;
import io.spawn.internal.state.StateStoreException;
import io.spawn.protocol.actors.ActorState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@link ActorState} into the columns of a snapshot row and back: the protobuf bytes (encrypted when a
 * key is configured), the state's type URL and the tags as JSON for people reading the table.
 */
final class StateCodec {

	private final StateEncryption encryption;

	StateCodec(StateEncryption encryption) {
		this.encryption = encryption;
	}

	byte[] encode(ActorKey key, ActorState state) {
		return this.encryption.encrypt(state.toByteArray(), key);
	}

	@Nullable String keyId() {
		return this.encryption.currentKeyId();
	}

	ActorState decode(ActorKey key, byte[] stored, @Nullable String keyId) {
		byte[] plain = this.encryption.decrypt(stored, keyId, key);
		try {
			return ActorState.parseFrom(plain);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new StateStoreException("stored state of actor '" + key + "' is corrupt: " + ex.getMessage(), ex);
		}
	}

	static String stateType(ActorState state) {
		return state.hasState() ? state.getState().getTypeUrl() : "";
	}

	static String tagsJson(Map<String, String> tags) {
		StringBuilder json = new StringBuilder("{");
		for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
			if (json.length() > 1) {
				json.append(',');
			}
			quote(json, tag.getKey()).append(':');
			quote(json, tag.getValue());
		}
		return json.append('}').toString();
	}

	/**
	 * Reads tags back from the JSON {@link #tagsJson} wrote (an object of strings).
	 * @throws IllegalArgumentException when the text is not such an object
	 */
	static Map<String, String> parseTags(String json) {
		Map<String, String> tags = new LinkedHashMap<>();
		int[] at = { skipSpace(json, 0) };
		expect(json, at, '{');
		if (peek(json, at) == '}') {
			return tags;
		}
		while (true) {
			String key = readString(json, at);
			expect(json, at, ':');
			tags.put(key, readString(json, at));
			char next = peek(json, at);
			at[0]++;
			if (next == '}') {
				return tags;
			}
			if (next != ',') {
				throw new IllegalArgumentException("tags are not a JSON object of strings: " + json);
			}
		}
	}

	/**
	 * The text that {@link #tagsJson} writes for one tag, {@code "key":"value"}, as it appears in the column.
	 */
	static String tagJson(String key, String value) {
		StringBuilder json = new StringBuilder();
		quote(json, key).append(':');
		return quote(json, value).toString();
	}

	private static char peek(String json, int[] at) {
		at[0] = skipSpace(json, at[0]);
		if (at[0] >= json.length()) {
			throw new IllegalArgumentException("tags end early: " + json);
		}
		return json.charAt(at[0]);
	}

	private static void expect(String json, int[] at, char wanted) {
		if (peek(json, at) != wanted) {
			throw new IllegalArgumentException("expected '" + wanted + "' at " + at[0] + " of tags " + json);
		}
		at[0]++;
	}

	private static int skipSpace(String json, int from) {
		int i = from;
		while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
			i++;
		}
		return i;
	}

	private static String readString(String json, int[] at) {
		expect(json, at, '"');
		StringBuilder text = new StringBuilder();
		int i = at[0];
		while (i < json.length()) {
			char c = json.charAt(i++);
			if (c == '"') {
				at[0] = i;
				return text.toString();
			}
			if (c != '\\') {
				text.append(c);
				continue;
			}
			if (i >= json.length()) {
				break;
			}
			char escaped = json.charAt(i++);
			switch (escaped) {
				case 'n' -> text.append('\n');
				case 'r' -> text.append('\r');
				case 't' -> text.append('\t');
				case 'u' -> {
					text.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
					i += 4;
				}
				default -> text.append(escaped);
			}
		}
		throw new IllegalArgumentException("unterminated string in tags " + json);
	}

	private static StringBuilder quote(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"');
	}

}
