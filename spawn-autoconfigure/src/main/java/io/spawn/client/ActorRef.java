package io.spawn.client;

import java.time.Duration;
import java.time.Instant;

/**
 * A typed reference to one actor instance. Actions are named by method reference and their command is checked by
 * the compiler: {@code counters.get("a").call(CounterActor::add, new Add(1))} compiles only when {@code Add} is the
 * command type of {@code CounterActor.add}. {@code call} waits for the reply; {@code action(...)} gives an
 * {@link ActionCall} for {@code callAsync}, {@code tell} and per-call options. Copies made by {@code with...},
 * {@link #after} and {@link #at} leave this reference unchanged.
 * @param <A> the actor's class
 * @see ActionMethod the shapes of action a reference can name
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
	 * Selects an action that takes no command.
	 * @param action the method reference
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor
	 */
	<R> ActionCall<R> action(ActionMethod.NoParam<A, R> action);

	/**
	 * Selects an action that takes no command.
	 * @param action the method reference
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor
	 */
	<S, R> ActionCall<R> action(ActionMethod.NoParamEffect<A, S, R> action);

	/**
	 * Selects an action that takes no command.
	 * @param action the method reference
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor
	 */
	<P, R> ActionCall<R> action(ActionMethod.OneParam<A, P, R> action);

	/**
	 * Selects an action that takes no command.
	 * @param action the method reference
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor
	 */
	<P, S, R> ActionCall<R> action(ActionMethod.OneParamEffect<A, P, S, R> action);

	/**
	 * Selects an action that takes no command.
	 * @param action the method reference
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor
	 */
	<S, R> ActionCall<R> action(ActionMethod.StateContext<A, S, R> action);

	/**
	 * Selects an action that takes no command.
	 * @param action the method reference
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor
	 */
	<S, R> ActionCall<R> action(ActionMethod.StateContextEffect<A, S, R> action);

	/**
	 * Selects an action with its command.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor, or takes no command
	 */
	<C, R> ActionCall<R> action(ActionMethod.OneParam<A, C, R> action, C command);

	/**
	 * Selects an action with its command.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor, or takes no command
	 */
	<C, S, R> ActionCall<R> action(ActionMethod.OneParamEffect<A, C, S, R> action, C command);

	/**
	 * Selects an action with its command.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor, or takes no command
	 */
	<S, C, R> ActionCall<R> action(ActionMethod.StateCommand<A, S, C, R> action, C command);

	/**
	 * Selects an action with its command.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor, or takes no command
	 */
	<S, C, R> ActionCall<R> action(ActionMethod.StateCommandEffect<A, S, C, R> action, C command);

	/**
	 * Selects an action with its command.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor, or takes no command
	 */
	<C, S, R> ActionCall<R> action(ActionMethod.CommandContext<A, C, S, R> action, C command);

	/**
	 * Selects an action with its command.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor, or takes no command
	 */
	<C, S, R> ActionCall<R> action(ActionMethod.CommandContextEffect<A, C, S, R> action, C command);

	/**
	 * Selects an action with its command.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor, or takes no command
	 */
	<S, C, R> ActionCall<R> action(ActionMethod.StateCommandContext<A, S, C, R> action, C command);

	/**
	 * Selects an action with its command.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the call, ready to run
	 * @throws IllegalArgumentException when the method is not an action of this actor, or takes no command
	 */
	<S, C, R> ActionCall<R> action(ActionMethod.StateCommandContextEffect<A, S, C, R> action, C command);

	/**
	 * Calls an action that takes no command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <R> R call(ActionMethod.NoParam<A, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action that takes no command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <S, R> R call(ActionMethod.NoParamEffect<A, S, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action that takes no command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P, R> R call(ActionMethod.OneParam<A, P, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action that takes no command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <P, S, R> R call(ActionMethod.OneParamEffect<A, P, S, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action that takes no command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <S, R> R call(ActionMethod.StateContext<A, S, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action that takes no command and waits for its reply.
	 * @param action the method reference
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <S, R> R call(ActionMethod.StateContextEffect<A, S, R> action) {
		return action(action).call();
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <C, R> R call(ActionMethod.OneParam<A, C, R> action, C command) {
		return action(action, command).call();
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <C, S, R> R call(ActionMethod.OneParamEffect<A, C, S, R> action, C command) {
		return action(action, command).call();
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <S, C, R> R call(ActionMethod.StateCommand<A, S, C, R> action, C command) {
		return action(action, command).call();
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <S, C, R> R call(ActionMethod.StateCommandEffect<A, S, C, R> action, C command) {
		return action(action, command).call();
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <C, S, R> R call(ActionMethod.CommandContext<A, C, S, R> action, C command) {
		return action(action, command).call();
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <C, S, R> R call(ActionMethod.CommandContextEffect<A, C, S, R> action, C command) {
		return action(action, command).call();
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <S, C, R> R call(ActionMethod.StateCommandContext<A, S, C, R> action, C command) {
		return action(action, command).call();
	}

	/**
	 * Calls an action and waits for its reply.
	 * @param action the method reference
	 * @param command the command, of the action's command type
	 * @return the reply
	 * @throws ActorCallException when the call fails
	 */
	default <S, C, R> R call(ActionMethod.StateCommandContextEffect<A, S, C, R> action, C command) {
		return action(action, command).call();
	}

}
