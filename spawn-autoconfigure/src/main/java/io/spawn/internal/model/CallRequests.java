package io.spawn.internal.model;

import com.google.protobuf.Any;
import io.spawn.client.ActorCallException;
import io.spawn.client.CallStatus;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.Noop;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one place an outgoing {@link InvocationRequest} is built, for typed references, {@code @ActorClient}
 * interfaces and REST routes alike. Besides target, action and command, it adds what every path must carry the
 * same way: the calling actor when the call is made inside one of its turns (the runtime follows the chain of
 * waiting callers to fail an A -> B -> A cycle fast as {@link CallStatus#REENTRANT_CALL}), the trace the turn
 * belongs to, and the deadline as {@code request-timeout} metadata.
 */
public final class CallRequests {

	/** Metadata key of the W3C trace context. */
	public static final String TRACEPARENT = "traceparent";

	/** Metadata key of a call's deadline, in milliseconds. */
	public static final String REQUEST_TIMEOUT = "request-timeout";

	private CallRequests() {
	}

	/**
	 * Starts a request.
	 * @param system the actor system
	 * @param actor the actor's name (the instance id of an UNNAMED actor)
	 * @param action the action's name
	 * @return the builder
	 */
	public static Builder to(String system, String actor, String action) {
		return new Builder(system, actor, action);
	}

	/**
	 * Encodes a command, turning a value the codec cannot write into the caller's error.
	 * @param codec the codec
	 * @param command the command, or {@code null}
	 * @return the payload, or {@code null} for none
	 * @throws ActorCallException with {@link CallStatus#INVALID_REQUEST} when the command cannot be written
	 */
	public static @Nullable Any encode(PayloadCodec codec, @Nullable Object command) {
		try {
			return codec.encode(command);
		}
		catch (PayloadCodec.PayloadException ex) {
			throw new ActorCallException(CallStatus.INVALID_REQUEST, ex.getMessage(), null);
		}
	}

	/**
	 * One request being built; {@link #build()} reads the current actor, so call it on the calling thread.
	 */
	public static final class Builder {

		private final InvocationRequest.Builder request;

		private @Nullable Any command;

		private Builder(String system, String actor, String action) {
			if (actor.isBlank()) {
				throw new IllegalArgumentException("an actor id must not be blank");
			}
			this.request = InvocationRequest.newBuilder()
				.setSystem(ActorSystem.newBuilder().setName(system))
				.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(system).setName(actor)))
				.setActionName(action);
		}

		/**
		 * Names the template an UNNAMED instance is created from on first call.
		 * @param template the UNNAMED actor's name, or {@code null} for a NAMED or POOLED actor
		 * @return this builder
		 */
		public Builder template(@Nullable String template) {
			if (template != null) {
				this.request.setRegisterRef(template);
			}
			else {
				this.request.clearRegisterRef();
			}
			return this;
		}

		/**
		 * Sets the command.
		 * @param command the encoded command, or {@code null} for none
		 * @return this builder
		 */
		public Builder command(@Nullable Any command) {
			this.command = command;
			return this;
		}

		/**
		 * Adds metadata entries; later entries replace earlier ones of the same key.
		 * @param metadata the entries
		 * @return this builder
		 */
		public Builder metadata(Map<String, String> metadata) {
			this.request.putAllMetadata(metadata);
			return this;
		}

		/**
		 * Adds one metadata entry.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, String value) {
			this.request.putMetadata(key, value);
			return this;
		}

		/**
		 * Gives the call a deadline, instead of the runtime's default.
		 * @param timeout the deadline, or {@code null} for the default
		 * @return this builder
		 */
		public Builder timeout(@Nullable Duration timeout) {
			if (timeout != null) {
				if (timeout.isNegative() || timeout.isZero()) {
					throw new IllegalArgumentException("timeout must be positive, was " + timeout);
				}
				this.request.putMetadata(REQUEST_TIMEOUT, Long.toString(Math.max(1, timeout.toMillis())));
			}
			return this;
		}

		/**
		 * Makes the call run later; a delayed call is stored durably and never replies.
		 * @param epochMillis when to run, or {@code null} for now
		 * @return this builder
		 */
		public Builder scheduledTo(@Nullable Long epochMillis) {
			if (epochMillis != null) {
				this.request.setScheduledTo(epochMillis);
			}
			return this;
		}

		/**
		 * Whether the caller does not wait for the reply.
		 * @param async whether the call is fire-and-forget
		 * @return this builder
		 */
		public Builder async(boolean async) {
			this.request.setAsync(async);
			return this;
		}

		/**
		 * The request, with the current actor as caller and its trace when the call is made inside a turn.
		 * @return the request
		 */
		public InvocationRequest build() {
			if (this.command != null) {
				this.request.setValue(this.command);
			}
			else {
				this.request.setNoop(Noop.getDefaultInstance());
			}
			CurrentActor.Frame current = CurrentActor.get();
			if (current != null) {
				this.request.setCaller(current.self());
				if (current.traceparent() != null && !this.request.containsMetadata(TRACEPARENT)) {
					this.request.putMetadata(TRACEPARENT, current.traceparent());
				}
			}
			return this.request.build();
		}

	}

}
