package io.spawn.internal.model;

import io.spawn.client.ActionCall;
import io.spawn.client.ActionMethod;
import io.spawn.client.ActorRef;
import java.io.Serializable;

/**
 * The eight {@code action(...)} overloads of {@link ActorRef}, one per shape of method reference, all funnelled into
 * {@link #select}: the only thing an implementation decides is how a referenced action is called.
 * @param <A> the actor's class
 */
public abstract class AbstractActorRef<A> implements ActorRef<A> {

	/**
	 * The call of the action a method reference names.
	 * @param reference the method reference
	 * @param <R> the reply type
	 * @return the call
	 */
	protected abstract <R> ActionCall<R> select(Serializable reference);

	@Override
	public final <R> ActionCall<R> action(ActionMethod.Plain0<A, R> action) {
		return select(action);
	}

	@Override
	public final <P1, R> ActionCall<R> action(ActionMethod.Plain1<A, P1, R> action) {
		return select(action);
	}

	@Override
	public final <P1, P2, R> ActionCall<R> action(ActionMethod.Plain2<A, P1, P2, R> action) {
		return select(action);
	}

	@Override
	public final <P1, P2, P3, R> ActionCall<R> action(ActionMethod.Plain3<A, P1, P2, P3, R> action) {
		return select(action);
	}

	@Override
	public final <S, R> ActionCall<R> action(ActionMethod.Effect0<A, S, R> action) {
		return select(action);
	}

	@Override
	public final <P1, S, R> ActionCall<R> action(ActionMethod.Effect1<A, P1, S, R> action) {
		return select(action);
	}

	@Override
	public final <P1, P2, S, R> ActionCall<R> action(ActionMethod.Effect2<A, P1, P2, S, R> action) {
		return select(action);
	}

	@Override
	public final <P1, P2, P3, S, R> ActionCall<R> action(ActionMethod.Effect3<A, P1, P2, P3, S, R> action) {
		return select(action);
	}

}
