package io.spawn.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A typed reference to one actor instance. Actions are named by method reference:
 * {@code counters.get("a").call(CounterActor::add, new Add(1))}. Copies made by {@code with...}, {@link #after} and
 * {@link #at} leave this reference unchanged.
 * @param <A> the actor's class
 */
public interface ActorRef<A> {

	/**
	 * The actor's name (the instance id of an UNNAMED actor).
	 * @return the name
	 */
	String id();

	/**
	 * A reference that adds a metadata entry to every call.
	 * @param key the key
	 * @param value the value
	 * @return the new reference
	 */
	ActorRef<A> withMetadata(String key, String value);

	/**
	 * A reference whose calls give up after {@code timeout}.
	 * @param timeout the timeout
	 * @return the new reference
	 */
	ActorRef<A> withTimeout(Duration timeout);

	/**
	 * A reference whose calls run {@code delay} from now. Calls through it are stored durably and return as soon
	 * as they are accepted, with no reply.
	 * @param delay the delay
	 * @return the new reference
	 */
	ActorRef<A> after(Duration delay);

	/**
	 * A reference whose calls run at {@code time}; see {@link #after}.
	 * @param time when to run
	 * @return the new reference
	 */
	ActorRef<A> at(Instant time);

	/**
	 * Creates this instance of an UNNAMED actor now (calls create it on demand anyway).
	 * @throws ActorCallException when it cannot be created
	 */
	void spawn();

	/**
	 * Deletes this actor's stored state, its history included: its next call starts from the initial state and
	 * runs its init action again. Where the actor is active, the deletion waits for the calls queued before it.
	 * Succeeds when nothing was stored.
	 * @throws ActorCallException with {@link CallStatus#INVALID_REQUEST} for an actor that keeps no state,
	 * {@link CallStatus#ACTOR_NOT_FOUND} for one the runtime does not know, or another status when the deletion
	 * could not run (for instance {@link CallStatus#UNAVAILABLE} while another node holds the actor)
	 */
	void deleteState();

	/**
	 * Selects an action by its method.
	 * @param action the method reference
	 * @return the action, ready to call
	 */
	<R> ActionCall<R> action(ActionMethod.Plain0<A, R> action);

	/**
	 * Selects an action by its method.
	 * @param action the method reference
	 * @return the action, ready to call
	 */
	<P1, R> ActionCall<R> action(ActionMethod.Plain1<A, P1, R> action);

	/**
	 * Selects an action by its method.
	 * @param action the method reference
	 * @return the action, ready to call
	 */
	<P1, P2, R> ActionCall<R> action(ActionMethod.Plain2<A, P1, P2, R> action);

	/**
	 * Selects an action by its method.
	 * @param action the method reference
	 * @return the action, ready to call
	 */
	<P1, P2, P3, R> ActionCall<R> action(ActionMethod.Plain3<A, P1, P2, P3, R> action);

	/**
	 * Selects an action by its method.
	 * @param action the method reference
	 * @return the action, ready to call
	 */
	<S, R> ActionCall<R> action(ActionMethod.Effect0<A, S, R> action);

	/**
	 * Selects an action by its method.
	 * @param action the method reference
	 * @return the action, ready to call
	 */
	<P1, S, R> ActionCall<R> action(ActionMethod.Effect1<A, P1, S, R> action);

	/**
	 * Selects an action by its method.
	 * @param action the method reference
	 * @return the action, ready to call
	 */
	<P1, P2, S, R> ActionCall<R> action(ActionMethod.Effect2<A, P1, P2, S, R> action);

	/**
	 * Selects an action by its method.
	 * @param action the method reference
	 * @return the action, ready to call
	 */
	<P1, P2, P3, S, R> ActionCall<R> action(ActionMethod.Effect3<A, P1, P2, P3, S, R> action);

	/**
	 * Calls an action without a command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <R> R call(ActionMethod.Plain0<A, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action without a command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, R> R call(ActionMethod.Plain1<A, P1, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action without a command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, P2, R> R call(ActionMethod.Plain2<A, P1, P2, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action without a command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, P2, P3, R> R call(ActionMethod.Plain3<A, P1, P2, P3, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action without a command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <S, R> R call(ActionMethod.Effect0<A, S, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action without a command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, S, R> R call(ActionMethod.Effect1<A, P1, S, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action without a command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, P2, S, R> R call(ActionMethod.Effect2<A, P1, P2, S, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action without a command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, P2, P3, S, R> R call(ActionMethod.Effect3<A, P1, P2, P3, S, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, R> R call(ActionMethod.Plain1<A, P1, R> action, Object command) {
		return action(action).call(command);
	}

	/**
	 * Calls an action without waiting.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply, or a future failed with {@link ActorCallException}
	 */
	default <P1, R> CompletableFuture<R> callAsync(ActionMethod.Plain1<A, P1, R> action, Object command) {
		return action(action).callAsync(command);
	}

	/**
	 * Sends a command without waiting for, or receiving, a reply.
	 * @param action the method reference
	 * @param command the command
	 * @throws ActorCallException when the call is refused
	 */
	default <P1, R> void tell(ActionMethod.Plain1<A, P1, R> action, Object command) {
		action(action).tell(command);
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, P2, R> R call(ActionMethod.Plain2<A, P1, P2, R> action, Object command) {
		return action(action).call(command);
	}

	/**
	 * Calls an action without waiting.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply, or a future failed with {@link ActorCallException}
	 */
	default <P1, P2, R> CompletableFuture<R> callAsync(ActionMethod.Plain2<A, P1, P2, R> action, Object command) {
		return action(action).callAsync(command);
	}

	/**
	 * Sends a command without waiting for, or receiving, a reply.
	 * @param action the method reference
	 * @param command the command
	 * @throws ActorCallException when the call is refused
	 */
	default <P1, P2, R> void tell(ActionMethod.Plain2<A, P1, P2, R> action, Object command) {
		action(action).tell(command);
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, P2, P3, R> R call(ActionMethod.Plain3<A, P1, P2, P3, R> action, Object command) {
		return action(action).call(command);
	}

	/**
	 * Calls an action without waiting.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply, or a future failed with {@link ActorCallException}
	 */
	default <P1, P2, P3, R> CompletableFuture<R> callAsync(ActionMethod.Plain3<A, P1, P2, P3, R> action, Object command) {
		return action(action).callAsync(command);
	}

	/**
	 * Sends a command without waiting for, or receiving, a reply.
	 * @param action the method reference
	 * @param command the command
	 * @throws ActorCallException when the call is refused
	 */
	default <P1, P2, P3, R> void tell(ActionMethod.Plain3<A, P1, P2, P3, R> action, Object command) {
		action(action).tell(command);
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, S, R> R call(ActionMethod.Effect1<A, P1, S, R> action, Object command) {
		return action(action).call(command);
	}

	/**
	 * Calls an action without waiting.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply, or a future failed with {@link ActorCallException}
	 */
	default <P1, S, R> CompletableFuture<R> callAsync(ActionMethod.Effect1<A, P1, S, R> action, Object command) {
		return action(action).callAsync(command);
	}

	/**
	 * Sends a command without waiting for, or receiving, a reply.
	 * @param action the method reference
	 * @param command the command
	 * @throws ActorCallException when the call is refused
	 */
	default <P1, S, R> void tell(ActionMethod.Effect1<A, P1, S, R> action, Object command) {
		action(action).tell(command);
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, P2, S, R> R call(ActionMethod.Effect2<A, P1, P2, S, R> action, Object command) {
		return action(action).call(command);
	}

	/**
	 * Calls an action without waiting.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply, or a future failed with {@link ActorCallException}
	 */
	default <P1, P2, S, R> CompletableFuture<R> callAsync(ActionMethod.Effect2<A, P1, P2, S, R> action, Object command) {
		return action(action).callAsync(command);
	}

	/**
	 * Sends a command without waiting for, or receiving, a reply.
	 * @param action the method reference
	 * @param command the command
	 * @throws ActorCallException when the call is refused
	 */
	default <P1, P2, S, R> void tell(ActionMethod.Effect2<A, P1, P2, S, R> action, Object command) {
		action(action).tell(command);
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P1, P2, P3, S, R> R call(ActionMethod.Effect3<A, P1, P2, P3, S, R> action, Object command) {
		return action(action).call(command);
	}

	/**
	 * Calls an action without waiting.
	 * @param action the method reference
	 * @param command the command
	 * @return the reply, or a future failed with {@link ActorCallException}
	 */
	default <P1, P2, P3, S, R> CompletableFuture<R> callAsync(ActionMethod.Effect3<A, P1, P2, P3, S, R> action, Object command) {
		return action(action).callAsync(command);
	}

	/**
	 * Sends a command without waiting for, or receiving, a reply.
	 * @param action the method reference
	 * @param command the command
	 * @throws ActorCallException when the call is refused
	 */
	default <P1, P2, P3, S, R> void tell(ActionMethod.Effect3<A, P1, P2, P3, S, R> action, Object command) {
		action(action).tell(command);
	}

}
