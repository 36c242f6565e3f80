package io.spawn.internal.state.jpa;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.StateEncryption;
import io.spawn.internal.state.StateStoreException;
import io.spawn.protocol.actors.ActorState;
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
