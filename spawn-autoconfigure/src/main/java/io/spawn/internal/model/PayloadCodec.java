package io.spawn.internal.model;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.spawn.protocol.JSONType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;

/**
 * Maps Java objects to protocol payloads and back: protobuf messages travel natively in {@link Any}; records and
 * POJOs travel as JSON in {@code spawn.JSONType}. The target type always comes from a method signature, never from
 * the type URL on the wire.
 */
public final class PayloadCodec {

	private static final String JSON_TYPE_URL = "type.googleapis.com/" + JSONType.getDescriptor().getFullName();

	/** Default instances of protobuf classes, found once per class (Any.unpack finds them on every call). */
	private static final ClassValue<Message> DEFAULT_INSTANCES = new ClassValue<>() {
		@Override
		protected Message computeValue(Class<?> type) {
			try {
				return (Message) type.getMethod("getDefaultInstance").invoke(null);
			}
			catch (ReflectiveOperationException | ClassCastException ex) {
				throw new PayloadException("cannot find the default instance of " + type.getName(), ex);
			}
		}
	};

	private final ObjectMapper mapper;

	public PayloadCodec(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Encodes a value.
	 * @param value the value; {@code null} encodes as an unset payload
	 * @return the payload, or {@code null} for none
	 */
	public @Nullable Any encode(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Any any) {
			return any;
		}
		if (value instanceof Message message) {
			return Any.pack(message);
		}
		try {
			return Any.pack(JSONType.newBuilder().setContent(this.mapper.writeValueAsString(value)).build());
		}
		catch (JacksonException ex) {
			throw new PayloadException("cannot write " + value.getClass().getName() + " as JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * Encodes a value that is there.
	 * @param value the value
	 * @return the payload
	 */
	public Any encodePresent(Object value) {
		Any encoded = encode(value);
		if (encoded == null) {
			throw new PayloadException("nothing to encode");
		}
		return encoded;
	}

	/**
	 * Whether a value may travel as the object itself between a caller and an actor in this process: it cannot
	 * change after the call (records of immutable parts, protobuf messages, strings, ...), so sharing it is as safe
	 * as copying it through JSON. A payload that is already bytes ({@link Any}) does not need to.
	 * @param value the value
	 * @return whether to pass it as an object
	 */
	public boolean travelsAsObject(@Nullable Object value) {
		return value != null && !(value instanceof Any) && ImmutableValues.isImmutable(value.getClass());
	}

	/**
	 * A value given as an object, as the given type: itself when it is one, otherwise converted through its
	 * encoded form (a record of the same shape, say).
	 * @param value the value
	 * @param type the target type
	 * @return the value as that type
	 * @throws PayloadException when it does not fit
	 */
	public @Nullable Object adapt(Object value, Type type) {
		Class<?> raw = ClassUtils.resolvePrimitiveIfNecessary(ResolvableType.forType(type).toClass());
		if (raw.isInstance(value) && (type instanceof Class<?>)) {
			return value;
		}
		return decode(encodePresent(value), type);
	}

	/**
	 * Decodes a payload into the given type.
	 * @param payload the payload; unset yields {@code null}
	 * @param type the target type (may be generic)
	 * @return the value
	 * @throws PayloadException when the payload does not fit the type
	 */
	public @Nullable Object decode(@Nullable Any payload, Type type) {
		if (payload == null || payload.getTypeUrl().isEmpty()) {
			return null;
		}
		Class<?> raw = ResolvableType.forType(type).toClass();
		if (raw == Any.class) {
			return payload;
		}
		if (Message.class.isAssignableFrom(raw)) {
			return unpack(payload, raw.asSubclass(Message.class));
		}
		if (!JSON_TYPE_URL.equals(payload.getTypeUrl())) {
			throw new PayloadException("expected a JSON payload for " + raw.getName() + " but got " + payload.getTypeUrl());
		}
		try {
			// parseFrom, not Any.unpack: unpack looks the default instance up by reflection on every call.
			String content = JSONType.parseFrom(payload.getValue()).getContent();
			return this.mapper.readValue(content, this.mapper.constructType(type));
		}
		catch (InvalidProtocolBufferException ex) {
			throw new PayloadException("payload is not a valid spawn.JSONType: " + ex.getMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new PayloadException("cannot read JSON as " + raw.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * A fresh state for an actor that has none stored: protobuf default instance, no-argument constructor, or an
	 * empty JSON object.
	 * @param type the state type
	 * @return the state
	 */
	public Object emptyState(Class<?> type) {
		if (Message.class.isAssignableFrom(type)) {
			try {
				Method defaults = type.getMethod("getDefaultInstance");
				return defaults.invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				throw new PayloadException("cannot create a default " + type.getName(), ex);
			}
		}
		try {
			var constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return constructor.newInstance();
		}
		catch (NoSuchMethodException ex) {
			try {
				// Records with primitive components get their defaults (0, false), not a failure.
				return this.mapper.readerFor(type)
					.without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
					.readValue("{}");
			}
			catch (JacksonException jsonEx) {
				throw new PayloadException("cannot create an initial " + type.getName()
						+ ": give it a no-argument constructor or declare an @InitialState method", jsonEx);
			}
		}
		catch (ReflectiveOperationException ex) {
			throw new PayloadException("cannot create an initial " + type.getName() + ": " + ex.getMessage(), ex);
		}
	}

	private static Message unpack(Any payload, Class<? extends Message> type) {
		Message defaults = DEFAULT_INSTANCES.get(type);
		String url = payload.getTypeUrl();
		// The same test as Any.is: the type name after the URL's last '/'.
		if (!url.substring(url.lastIndexOf('/') + 1).equals(defaults.getDescriptorForType().getFullName())) {
			throw new PayloadException("payload " + payload.getTypeUrl() + " is not a " + type.getName());
		}
		try {
			return defaults.getParserForType().parseFrom(payload.getValue());
		}
		catch (InvalidProtocolBufferException ex) {
			throw new PayloadException("payload " + payload.getTypeUrl() + " is not a " + type.getName(), ex);
		}
	}

	/**
	 * A payload that cannot be encoded or decoded.
	 */
	public static final class PayloadException extends RuntimeException {

		public PayloadException(String message) {
			super(message);
		}

		public PayloadException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
