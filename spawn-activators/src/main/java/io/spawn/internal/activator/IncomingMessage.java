package io.spawn.internal.activator;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A message as a source hands it over, before it becomes a call.
 * @param id the message's id in its source (for Kafka, topic-partition-offset); reaches the action as
 * {@link ActivatorInvoker#MESSAGE_ID} so that an actor can drop a redelivery
 * @param body the body
 * @param headers the value of a header by name, {@code null} when absent
 */
public record IncomingMessage(String id, byte[] body, Function<String, @Nullable String> headers) {
}
