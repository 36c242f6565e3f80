package io.spawn.internal.model;

import io.spawn.client.ActionCall;
import io.spawn.client.ActionMethod;
import io.spawn.client.ActorRef;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The {@code action(...)} overloads of {@link ActorRef}, one per shape of method reference, all funnelled into
 * {@link #select}: the only thing an implementation decides is how a referenced action is called.
 * @param <A> the actor's class
 */
public abstract class AbstractActorRef<A> implements ActorRef<A> {

	/**
	 * The call of the action a method reference names.
	 * @param reference the method reference
	 * @param command the command, or {@code null}
	 * @param withCommand whether the caller passed a command (the action must take one)
	 * @param <R> the reply type
	 * @return the call
	 */
	protected abstract <R> ActionCall<R> select(Serializable reference, @Nullable Object command, boolean withCommand);

	@Override
	public final <R> ActionCall<R> action(ActionMethod.NoParam<A, R> action) {
		return select(action, null, false);
	}

	@Override
	public final <S, R> ActionCall<R> action(ActionMethod.NoParamEffect<A, S, R> action) {
		return select(action, null, false);
	}

	@Override
	public final <P, R> ActionCall<R> action(ActionMethod.OneParam<A, P, R> action) {
		return select(action, null, false);
	}

	@Override
	public final <P, S, R> ActionCall<R> action(ActionMethod.OneParamEffect<A, P, S, R> action) {
		return select(action, null, false);
	}

	@Override
	public final <S, R> ActionCall<R> action(ActionMethod.StateContext<A, S, R> action) {
		return select(action, null, false);
	}

	@Override
	public final <S, R> ActionCall<R> action(ActionMethod.StateContextEffect<A, S, R> action) {
		return select(action, null, false);
	}

	@Override
	public final <C, R> ActionCall<R> action(ActionMethod.OneParam<A, C, R> action, C command) {
		return select(action, command, true);
	}

	@Override
	public final <C, S, R> ActionCall<R> action(ActionMethod.OneParamEffect<A, C, S, R> action, C command) {
		return select(action, command, true);
	}

	@Override
	public final <S, C, R> ActionCall<R> action(ActionMethod.StateCommand<A, S, C, R> action, C command) {
		return select(action, command, true);
	}

	@Override
	public final <S, C, R> ActionCall<R> action(ActionMethod.StateCommandEffect<A, S, C, R> action, C command) {
		return select(action, command, true);
	}

	@Override
	public final <C, S, R> ActionCall<R> action(ActionMethod.CommandContext<A, C, S, R> action, C command) {
		return select(action, command, true);
	}

	@Override
	public final <C, S, R> ActionCall<R> action(ActionMethod.CommandContextEffect<A, C, S, R> action, C command) {
		return select(action, command, true);
	}

	@Override
	public final <S, C, R> ActionCall<R> action(ActionMethod.StateCommandContext<A, S, C, R> action, C command) {
		return select(action, command, true);
	}

	@Override
	public final <S, C, R> ActionCall<R> action(ActionMethod.StateCommandContextEffect<A, S, C, R> action, C command) {
		return select(action, command, true);
	}

}
