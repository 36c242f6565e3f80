package io.spawn.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One action of one actor, bound to its command, ready to be run: wait for the reply with {@link #call()}, get it
 * later with {@link #callAsync()}, or send the command without a reply with {@link #tell()}. Calls made by
 * {@code with...}, {@link #after} and {@link #at} leave this one unchanged.
 * @param <R> the reply type
 */
public interface ActionCall<R> {

	/**
	 * Runs the action and waits for the reply.
	 * @return the reply, or {@code null} when the action replies nothing
	 * @throws ActorCallException when the call fails
	 */
	R call();

	/**
	 * Runs the action without waiting.
	 * @return the reply, or a future failed with {@link ActorCallException}
	 */
	CompletableFuture<R> callAsync();

	/**
	 * Sends the command without waiting for, or receiving, a reply.
	 * @throws ActorCallException when the call is refused
	 */
	void tell();

	/**
	 * This call with a metadata entry added.
	 * @param key the key
	 * @param value the value
	 * @return the new call
	 */
	ActionCall<R> withMetadata(String key, String value);

	/**
	 * This call, giving up after {@code timeout}.
	 * @param timeout the timeout
	 * @return the new call
	 */
	ActionCall<R> withTimeout(Duration timeout);

	/**
	 * This call, run {@code delay} from now: stored durably, accepted with no reply.
	 * @param delay the delay
	 * @return the new call
	 */
	ActionCall<R> after(Duration delay);

	/**
	 * This call, run at {@code time}; see {@link #after}.
	 * @param time when to run
	 * @return the new call
	 */
	ActionCall<R> at(Instant time);

}
