package io.spawn.client;

import io.spawn.actor.ActorContext;
import io.spawn.actor.Effect;
import java.io.Serializable;

/**
 * Method references to actions, so that callers name an action by its method ({@code CounterActor::add}) and the
 * compiler checks the command they pass against the action's command parameter. One shape per parameter list, in
 * the order an action declares them (the state, then the command, then the {@link ActorContext}, each optional),
 * and an {@code ...Effect} twin of each for actions that return an {@link Effect}. Only the referenced method
 * matters; the runtime never calls these functions.
 */
public final class ActionMethod {

	private ActionMethod() {
	}

	/**
	 * A method reference to an action with no parameter, returning its reply.
	 */
	@FunctionalInterface
	public interface NoParam<A, R> extends Serializable {

		R apply(A actor);

	}

	/**
	 * A method reference to an action with no parameter, returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface NoParamEffect<A, S, R> extends Serializable {

		Effect<S, R> apply(A actor);

	}

	/**
	 * A method reference to an action with one parameter: its command, its state or its {@link ActorContext} (the caller passes a command only in the first case), returning its reply.
	 */
	@FunctionalInterface
	public interface OneParam<A, P, R> extends Serializable {

		R apply(A actor, P parameter);

	}

	/**
	 * A method reference to an action with one parameter: its command, its state or its {@link ActorContext} (the caller passes a command only in the first case), returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface OneParamEffect<A, P, S, R> extends Serializable {

		Effect<S, R> apply(A actor, P parameter);

	}

	/**
	 * A method reference to an action taking the state and a command, returning its reply.
	 */
	@FunctionalInterface
	public interface StateCommand<A, S, C, R> extends Serializable {

		R apply(A actor, S state, C command);

	}

	/**
	 * A method reference to an action taking the state and a command, returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface StateCommandEffect<A, S, C, R> extends Serializable {

		Effect<S, R> apply(A actor, S state, C command);

	}

	/**
	 * A method reference to an action taking a command and the {@link ActorContext}, returning its reply.
	 */
	@FunctionalInterface
	public interface CommandContext<A, C, S, R> extends Serializable {

		R apply(A actor, C command, ActorContext<S> context);

	}

	/**
	 * A method reference to an action taking a command and the {@link ActorContext}, returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface CommandContextEffect<A, C, S, R> extends Serializable {

		Effect<S, R> apply(A actor, C command, ActorContext<S> context);

	}

	/**
	 * A method reference to an action taking the state and the {@link ActorContext}, with no command, returning its reply.
	 */
	@FunctionalInterface
	public interface StateContext<A, S, R> extends Serializable {

		R apply(A actor, S state, ActorContext<S> context);

	}

	/**
	 * A method reference to an action taking the state and the {@link ActorContext}, with no command, returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface StateContextEffect<A, S, R> extends Serializable {

		Effect<S, R> apply(A actor, S state, ActorContext<S> context);

	}

	/**
	 * A method reference to an action taking the state, a command and the {@link ActorContext}, returning its reply.
	 */
	@FunctionalInterface
	public interface StateCommandContext<A, S, C, R> extends Serializable {

		R apply(A actor, S state, C command, ActorContext<S> context);

	}

	/**
	 * A method reference to an action taking the state, a command and the {@link ActorContext}, returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface StateCommandContextEffect<A, S, C, R> extends Serializable {

		Effect<S, R> apply(A actor, S state, C command, ActorContext<S> context);

	}

}
