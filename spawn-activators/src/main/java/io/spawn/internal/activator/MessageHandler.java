package io.spawn.internal.activator;

/**
 * What a source hands each message to: the {@link ActivatorInvoker} that calls the actor (or, to measure a source
 * on its own, any other handler). A source acknowledges a message only after {@link #handle} returned.
 */
@FunctionalInterface
public interface MessageHandler {

	/**
	 * Handles one message.
	 * @param message the message
	 * @throws MalformedMessageException when the message cannot be handled at all (it is not retried)
	 * @throws RuntimeException when handling failed (the message is retried)
	 */
	void handle(IncomingMessage message);

}
