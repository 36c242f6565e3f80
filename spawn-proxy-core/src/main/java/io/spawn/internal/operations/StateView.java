package io.spawn.internal.operations;

import org.jspecify.annotations.Nullable;

/**
 * An actor's state made readable: JSON where it can be, else what it is and why it is not JSON.
 * @param system the actor system
 * @param actor the actor's name
 * @param revision the revision shown
 * @param status what could be shown
 * @param typeUrl the state's type URL, empty when it has none
 * @param json the state as JSON text ({@link Status#JSON}, {@link Status#PROTOBUF_JSON}), else {@code null}
 * @param base64 the state's protobuf bytes in base64 ({@link Status#PROTOBUF_BYTES}), else {@code null}
 * @param message why the state is not shown as JSON, or {@code null} when it is
 */
public record StateView(String system, String actor, long revision, Status status, String typeUrl,
		@Nullable String json, @Nullable String base64, @Nullable String message) {

	/**
	 * What a state read produced.
	 */
	public enum Status {

		/** A JSON state ({@code spawn.JSONType}), as the actor stored it. */
		JSON,

		/** A protobuf state rendered as JSON through the message type the runtime knows from registration. */
		PROTOBUF_JSON,

		/** A protobuf state whose message type is not known here: its type URL and bytes. */
		PROTOBUF_BYTES,

		/** The actor holds no state. */
		EMPTY,

		/** The stored bytes could not be decrypted or decoded; {@code message} says why. */
		UNREADABLE

	}

}
