package io.spawn.internal.operations;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.spawn.internal.state.ActorKey;
import io.spawn.protocol.JSONType;
import io.spawn.protocol.actors.ActorState;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders a stored state for an operator: a JSON state ({@code spawn.JSONType}) as the JSON the actor stored, a
 * protobuf state as JSON through its message type when the runtime knows it (the well-known types always), and
 * any other state as its type URL and base64 bytes, saying so.
 */
final class StateRenderer {

	static final String JSON_TYPE_URL = "type.googleapis.com/" + JSONType.getDescriptor().getFullName();

	private static final Map<String, Descriptor> WELL_KNOWN = List
		.of(StringValue.getDescriptor(), Int64Value.getDescriptor(), Int32Value.getDescriptor(),
				UInt64Value.getDescriptor(), UInt32Value.getDescriptor(), BoolValue.getDescriptor(),
				DoubleValue.getDescriptor(), FloatValue.getDescriptor(), BytesValue.getDescriptor(),
				Struct.getDescriptor(), Value.getDescriptor(), ListValue.getDescriptor(), Timestamp.getDescriptor(),
				com.google.protobuf.Duration.getDescriptor(), Empty.getDescriptor())
		.stream()
		.collect(Collectors.toUnmodifiableMap(Descriptor::getFullName, Function.identity()));

	private final MessageTypes types;

	StateRenderer(MessageTypes types) {
		this.types = types;
	}

	StateView render(ActorKey key, long revision, ActorState state) {
		if (!state.hasState() || state.getState().getTypeUrl().isEmpty()) {
			return new StateView(key.system(), key.name(), revision, StateView.Status.EMPTY, "", null, null, null);
		}
		Any any = state.getState();
		String typeUrl = any.getTypeUrl();
		if (JSON_TYPE_URL.equals(typeUrl)) {
			try {
				return new StateView(key.system(), key.name(), revision, StateView.Status.JSON, typeUrl,
						JSONType.parseFrom(any.getValue()).getContent(), null, null);
			}
			catch (InvalidProtocolBufferException ex) {
				return unreadable(key, revision, typeUrl, "the state claims to be spawn.JSONType but is not: "
						+ ex.getMessage());
			}
		}
		String fullName = typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
		Descriptor type = WELL_KNOWN.get(fullName);
		if (type == null) {
			type = this.types.find(fullName);
		}
		if (type == null) {
			return bytes(key, revision, any, "message type '" + fullName + "' is not known to this member (no"
					+ " registered contract declares it); shown as base64 protobuf bytes");
		}
		try {
			DynamicMessage message = DynamicMessage.parseFrom(type, any.getValue());
			return new StateView(key.system(), key.name(), revision, StateView.Status.PROTOBUF_JSON, typeUrl,
					JsonFormat.printer().print(message), null, null);
		}
		catch (InvalidProtocolBufferException ex) {
			return bytes(key, revision, any, "the state does not decode as '" + fullName + "' (" + ex.getMessage()
					+ "); shown as base64 protobuf bytes");
		}
	}

	static StateView unreadable(ActorKey key, long revision, String typeUrl, String why) {
		return new StateView(key.system(), key.name(), revision, StateView.Status.UNREADABLE, typeUrl, null, null,
				why);
	}

	private static StateView bytes(ActorKey key, long revision, Any any, String why) {
		return new StateView(key.system(), key.name(), revision, StateView.Status.PROTOBUF_BYTES, any.getTypeUrl(),
				null, Base64.getEncoder().encodeToString(any.getValue().toByteArray()), why);
	}

}
