package io.spawn.client;

import io.spawn.actor.Effect;
import java.io.Serializable;

/**
 * Method references to actions, one shape per number of parameters, so that callers name an action by its method
 * ({@code CounterActor::add}) rather than by a string. Only the referenced method matters; the runtime never
 * calls these functions.
 */
public final class ActionMethod {

	private ActionMethod() {
	}

	/**
	 * A method reference to an action with 0 parameters returning a plain reply.
	 */
	@FunctionalInterface
	public interface Plain0<A, R> extends Serializable {

		R apply(A actor);

	}

	/**
	 * A method reference to an action with 0 parameters returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface Effect0<A, S, R> extends Serializable {

		Effect<S, R> apply(A actor);

	}

	/**
	 * A method reference to an action with 1 parameter returning a plain reply.
	 */
	@FunctionalInterface
	public interface Plain1<A, P1, R> extends Serializable {

		R apply(A actor, P1 p1);

	}

	/**
	 * A method reference to an action with 1 parameter returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface Effect1<A, P1, S, R> extends Serializable {

		Effect<S, R> apply(A actor, P1 p1);

	}

	/**
	 * A method reference to an action with 2 parameters returning a plain reply.
	 */
	@FunctionalInterface
	public interface Plain2<A, P1, P2, R> extends Serializable {

		R apply(A actor, P1 p1, P2 p2);

	}

	/**
	 * A method reference to an action with 2 parameters returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface Effect2<A, P1, P2, S, R> extends Serializable {

		Effect<S, R> apply(A actor, P1 p1, P2 p2);

	}

	/**
	 * A method reference to an action with 3 parameters returning a plain reply.
	 */
	@FunctionalInterface
	public interface Plain3<A, P1, P2, P3, R> extends Serializable {

		R apply(A actor, P1 p1, P2 p2, P3 p3);

	}

	/**
	 * A method reference to an action with 3 parameters returning an {@link Effect}.
	 */
	@FunctionalInterface
	public interface Effect3<A, P1, P2, P3, S, R> extends Serializable {

		Effect<S, R> apply(A actor, P1 p1, P2 p2, P3 p3);

	}

}
