package io.spawn.actor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an action does besides replying: update the state, persist it before replying, call other actors after
 * the reply, broadcast, hand its reply over to another actor (pipe, forward), or fail with a code. Immutable: each
 * method returns a new effect.
 *
 * <pre class="code">
 * &#64;Action
 * Effect&lt;Counter, Total&gt; add(Counter counter, Add add) {
 *     Counter next = new Counter(counter.value() + add.by());
 *     return Effect.update(next).thenReply(new Total(next.value()));
 * }
 * </pre>
 * @param <S> the state type
 * @param <R> the reply type
 */
public final class Effect<S, R> {

	private final @Nullable Object state;

	private final boolean updatesState;

	private final @Nullable Object reply;

	private final boolean replies;

	private final boolean checkpoint;

	private final List<SideEffect> sideEffects;

	private final @Nullable Broadcast broadcast;

	private final @Nullable Route route;

	private final @Nullable Failure failure;

	private Effect(@Nullable Object state, boolean updatesState, @Nullable Object reply, boolean replies,
			boolean checkpoint, List<SideEffect> sideEffects, @Nullable Broadcast broadcast, @Nullable Route route,
			@Nullable Failure failure) {
		this.state = state;
		this.updatesState = updatesState;
		this.reply = reply;
		this.replies = replies;
		this.checkpoint = checkpoint;
		this.sideEffects = List.copyOf(sideEffects);
		this.broadcast = broadcast;
		this.route = route;
		this.failure = failure;
	}

	/**
	 * Replies without changing the state.
	 * @param reply the reply
	 * @param <S> the state type
	 * @param <R> the reply type
	 * @return the effect
	 */
	public static <S, R> Effect<S, R> reply(R reply) {
		return new Effect<>(null, false, reply, true, false, List.of(), null, null, null);
	}

	/**
	 * Neither replies nor changes the state.
	 * @param <S> the state type
	 * @param <R> the reply type
	 * @return the effect
	 */
	public static <S, R> Effect<S, R> noReply() {
		return new Effect<>(null, false, null, false, false, List.of(), null, null, null);
	}

	/**
	 * Replaces the state; follow with {@link #thenReply} to reply too.
	 * @param state the new state
	 * @param <S> the state type
	 * @param <R> the reply type
	 * @return the effect
	 */
	public static <S, R> Effect<S, R> update(S state) {
		return new Effect<>(state, true, null, false, false, List.of(), null, null, null);
	}

	/**
	 * Fails the call with a code the caller can act on; the state stays as it was.
	 * @param code a short, stable code such as {@code insufficient-funds}
	 * @param message what went wrong
	 * @param <S> the state type
	 * @param <R> the reply type
	 * @return the effect
	 */
	public static <S, R> Effect<S, R> error(String code, String message) {
		return new Effect<>(null, false, null, false, false, List.of(), null, null, new Failure(code, message));
	}

	/**
	 * Replies with {@code reply} as well.
	 * @param reply the reply
	 * @param <T> the reply type
	 * @return the effect
	 */
	public <T> Effect<S, T> thenReply(T reply) {
		return new Effect<>(this.state, this.updatesState, reply, true, this.checkpoint, this.sideEffects,
				this.broadcast, this.route, this.failure);
	}

	/**
	 * Commits the state before the reply is sent (write-through for this call).
	 * @return the effect
	 */
	public Effect<S, R> checkpoint() {
		return new Effect<>(this.state, this.updatesState, this.reply, this.replies, true, this.sideEffects,
				this.broadcast, this.route, this.failure);
	}

	/**
	 * Calls another actor after the reply, without waiting for it.
	 * @param actor the actor's name (the instance id of an UNNAMED actor)
	 * @param action the action
	 * @param command the command, or {@code null}
	 * @return the effect
	 */
	public Effect<S, R> sideEffect(String actor, String action, @Nullable Object command) {
		return withSideEffect(new SideEffect(actor, action, command, null));
	}

	/**
	 * Calls another actor after a delay; the call is stored durably before the reply.
	 * @param delay how long after the reply
	 * @param actor the actor's name
	 * @param action the action
	 * @param command the command, or {@code null}
	 * @return the effect
	 */
	public Effect<S, R> sideEffectAfter(Duration delay, String actor, String action, @Nullable Object command) {
		return withSideEffect(new SideEffect(actor, action, command, delay));
	}

	private Effect<S, R> withSideEffect(SideEffect sideEffect) {
		List<SideEffect> effects = new ArrayList<>(this.sideEffects);
		effects.add(sideEffect);
		return new Effect<>(this.state, this.updatesState, this.reply, this.replies, this.checkpoint, effects,
				this.broadcast, this.route, this.failure);
	}

	/**
	 * Publishes a message to every subscriber of a channel, after the reply.
	 * @param channel the channel
	 * @param message the message, or {@code null}
	 * @return the effect
	 */
	public Effect<S, R> broadcast(String channel, @Nullable Object message) {
		return new Effect<>(this.state, this.updatesState, this.reply, this.replies, this.checkpoint,
				this.sideEffects, new Broadcast(channel, message), this.route, this.failure);
	}

	/**
	 * Sends this action's reply to another actor's action; the caller receives that actor's reply.
	 * @param actor the actor
	 * @param action the action
	 * @return the effect
	 */
	public Effect<S, R> pipe(String actor, String action) {
		return new Effect<>(this.state, this.updatesState, this.reply, this.replies, this.checkpoint,
				this.sideEffects, this.broadcast, new Route(actor, action, true), this.failure);
	}

	/**
	 * Sends this action's command to another actor's action; the caller receives that actor's reply.
	 * @param actor the actor
	 * @param action the action
	 * @return the effect
	 */
	public Effect<S, R> forward(String actor, String action) {
		return new Effect<>(this.state, this.updatesState, this.reply, this.replies, this.checkpoint,
				this.sideEffects, this.broadcast, new Route(actor, action, false), this.failure);
	}

	public boolean updatesState() {
		return this.updatesState;
	}

	public @Nullable Object state() {
		return this.state;
	}

	public boolean replies() {
		return this.replies;
	}

	public @Nullable Object reply() {
		return this.reply;
	}

	public boolean isCheckpoint() {
		return this.checkpoint;
	}

	public List<SideEffect> sideEffects() {
		return this.sideEffects;
	}

	public @Nullable Broadcast broadcast() {
		return this.broadcast;
	}

	public @Nullable Route route() {
		return this.route;
	}

	public @Nullable Failure failure() {
		return this.failure;
	}

	@Override
	public String toString() {
		return "Effect" + Map.of("updatesState", this.updatesState, "replies", this.replies, "checkpoint",
				this.checkpoint, "sideEffects", this.sideEffects.size());
	}

	/**
	 * A call made after the reply.
	 * @param actor target actor
	 * @param action target action
	 * @param command the command or {@code null}
	 * @param delay delay after the reply, or {@code null} for none
	 */
	public record SideEffect(String actor, String action, @Nullable Object command, @Nullable Duration delay) {
	}

	/**
	 * A message to a channel.
	 * @param channel the channel
	 * @param message the message or {@code null}
	 */
	public record Broadcast(String channel, @Nullable Object message) {
	}

	/**
	 * A pipe (the reply travels on) or a forward (the command travels on).
	 * @param actor target actor
	 * @param action target action
	 * @param pipe {@code true} for a pipe, {@code false} for a forward
	 */
	public record Route(String actor, String action, boolean pipe) {
	}

	/**
	 * A failed call.
	 * @param code the code
	 * @param message the message
	 */
	public record Failure(String code, String message) {
	}

}
