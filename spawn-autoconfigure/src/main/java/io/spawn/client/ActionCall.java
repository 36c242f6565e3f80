package io.spawn.client;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One action of one actor, ready to be called.
 * @param <R> the reply type
 */
public interface ActionCall<R> {

	/**
	 * Calls without a command and waits for the reply.
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	R call();

	/**
	 * Calls and waits for the reply.
	 * @param command the command
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	R call(@Nullable Object command);

	/**
	 * Calls without waiting.
	 * @param command the command
	 * @return the reply, or a future failed with {@link ActorCallException}
	 */
	CompletableFuture<R> callAsync(@Nullable Object command);

	/**
	 * Sends the command without waiting for a reply.
	 * @param command the command
	 * @throws ActorCallException when the call is refused
	 */
	void tell(@Nullable Object command);

}
