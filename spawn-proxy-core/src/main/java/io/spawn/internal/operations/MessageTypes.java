package io.spawn.internal.operations;

import com.google.protobuf.Descriptors.Descriptor;
import org.jspecify.annotations.Nullable;

/**
 * The protobuf message types the runtime knows by name, from the contracts hosts registered: how a protobuf
 * state is rendered as JSON.
 */
@FunctionalInterface
public interface MessageTypes {

	/** Knows no types: every protobuf state but the well-known types is shown as bytes. */
	MessageTypes NONE = (fullName) -> null;

	/**
	 * Finds a message type.
	 * @param fullName its full name, such as {@code shop.Cart}
	 * @return its descriptor, or {@code null} when unknown
	 */
	@Nullable Descriptor find(String fullName);

}
