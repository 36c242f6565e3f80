package io.spawn.internal.host;

import com.google.protobuf.Any;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A command, reply or state that stays a Java object while caller and actor share this process: its protocol
 * form is made once, and only when something needs bytes (a snapshot, a call to another member, a delayed call,
 * a read of the state). Only values that cannot change after the call travel this way; the host decides which
 * (embedded mode: records of immutable values and protobuf messages).
 */
public final class LocalValue {

	private final Object value;

	private final Function<Object, Any> encoder;

	private volatile @Nullable Any encoded;

	private LocalValue(Object value, Function<Object, Any> encoder) {
		this.value = value;
		this.encoder = encoder;
	}

	/**
	 * A value and the way to encode it.
	 * @param value the value, which must not change afterwards
	 * @param encoder makes its protocol form; called at most once per thread that needs it, usually once
	 * @return the local value
	 */
	public static LocalValue of(Object value, Function<Object, Any> encoder) {
		return new LocalValue(Objects.requireNonNull(value, "value"), Objects.requireNonNull(encoder, "encoder"));
	}

	/**
	 * The object itself.
	 * @return the value
	 */
	public Object value() {
		return this.value;
	}

	/**
	 * The protocol form, made on first use.
	 * @return the payload
	 * @throws EncodingException when the value cannot be encoded
	 */
	public Any encoded() {
		Any result = this.encoded;
		if (result == null) {
			try {
				result = this.encoder.apply(this.value);
			}
			catch (RuntimeException ex) {
				throw new EncodingException("cannot encode " + this.value.getClass().getName() + ": " + ex.getMessage(),
						ex);
			}
			this.encoded = result;
		}
		return result;
	}

	/**
	 * A value that could not be made into bytes when they were needed.
	 */
	public static final class EncodingException extends RuntimeException {

		EncodingException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	@Override
	public String toString() {
		return "LocalValue[" + this.value.getClass().getName() + "]";
	}

}
