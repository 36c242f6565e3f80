package io.spawn.internal.activator;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.JSONType;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a message into a call of the activator's actor and runs it, returning only once the call succeeded (for a
 * write-through actor, once its state committed). Sources acknowledge a message only after {@link #deliver}
 * returned.
 */
public final class ActivatorInvoker {

	/** Metadata key carrying the message's id to the action. */
	public static final String MESSAGE_ID = "spawn-message-id";

	/** Metadata key carrying the activator's name to the action. */
	public static final String ACTIVATOR = "spawn-activator";

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final ActorRuntime runtime;

	private final ActivatorDefinition definition;

	public ActivatorInvoker(ActorRuntime runtime, ActivatorDefinition definition) {
		this.runtime = runtime;
		this.definition = definition;
	}

	public ActivatorDefinition definition() {
		return this.definition;
	}

	/**
	 * Calls the actor for a message and waits for the outcome.
	 * @param message the message
	 * @throws MalformedMessageException when the message cannot become a call
	 * @throws DeliveryFailedException when the call failed
	 */
	public void deliver(IncomingMessage message) {
		InvocationRequest request = request(message);
		InvocationResult result = this.runtime.invoke(request);
		if (!result.ok()) {
			throw new DeliveryFailedException(result.status(),
					"activator '" + this.definition.name() + "': call of " + this.definition.action() + " on '"
							+ request.getActor().getId().getName() + "' failed with " + result.status() + ": "
							+ result.message());
		}
	}

	/**
	 * The call a message becomes.
	 * @param message the message
	 * @return the call
	 * @throws MalformedMessageException when the message names no actor or its body is not the payload
	 */
	public InvocationRequest request(IncomingMessage message) {
		return request(actorId(message), payload(message.body()), message.id());
	}

	/**
	 * A call of the activator's actor and action.
	 * @param actorId the actor (or instance) called
	 * @param payload the command
	 * @param messageId the id that reaches the action as {@link #MESSAGE_ID}
	 * @return the call
	 */
	InvocationRequest request(String actorId, Any payload, String messageId) {
		String system = this.definition.system();
		InvocationRequest.Builder request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(system))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(system).setName(actorId)))
			.setActionName(this.definition.action())
			.setValue(payload)
			.putMetadata(MESSAGE_ID, messageId)
			.putMetadata(ACTIVATOR, this.definition.name())
			.putMetadata(ActorRuntime.REQUEST_TIMEOUT,
					Long.toString(this.definition.retry().callTimeout().toMillis()));
		if (!actorId.equals(this.definition.actor())) {
			// An instance of the UNNAMED template, spawned on its first message.
			request.setRegisterRef(this.definition.actor());
		}
		return request.build();
	}

	private String actorId(IncomingMessage message) {
		String key = this.definition.idKey();
		String id = switch (this.definition.idFrom()) {
			case FIXED -> key;
			case HEADER -> message.headers().apply(key);
			case JSON -> jsonField(message.body(), key);
		};
		if (id == null || id.isBlank()) {
			throw new MalformedMessageException("message " + message.id() + " has no actor id: "
					+ switch (this.definition.idFrom()) {
						case HEADER -> "header '" + key + "' is missing or empty";
						case JSON -> "JSON field '" + key + "' is missing or empty";
						case FIXED -> "no fixed id";
					});
		}
		return id;
	}

	private static String jsonField(byte[] body, String field) {
		JsonNode node;
		try {
			node = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("body is not JSON: " + ex.getOriginalMessage(), ex);
		}
		JsonNode value = field.startsWith("/") ? node.at(field) : node.path(field);
		return (value.isValueNode() && !value.isNull()) ? value.asString() : "";
	}

	private Any payload(byte[] body) {
		return switch (this.definition.payload()) {
			case JSON -> {
				String content = new String(body, StandardCharsets.UTF_8);
				try {
					JSON.readTree(content);
				}
				catch (JacksonException ex) {
					throw new MalformedMessageException("body is not JSON: " + ex.getOriginalMessage(), ex);
				}
				yield Any.pack(JSONType.newBuilder().setContent(content).build());
			}
			case BYTES -> Any.pack(BytesValue.of(ByteString.copyFrom(body)));
			case ANY -> {
				try {
					yield Any.parseFrom(body);
				}
				catch (InvalidProtocolBufferException ex) {
					throw new MalformedMessageException("body is not a google.protobuf.Any: " + ex.getMessage(), ex);
				}
			}
		};
	}

}
