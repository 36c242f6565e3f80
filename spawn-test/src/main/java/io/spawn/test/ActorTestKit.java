package io.spawn.test;

import io.spawn.actor.Effect;
import io.spawn.client.ActionCall;
import io.spawn.client.ActorCallException;
import io.spawn.client.ActorRef;
import io.spawn.client.CallStatus;
import io.spawn.internal.model.ActionFailedException;
import io.spawn.internal.model.AbstractActorRef;
import io.spawn.internal.model.ActionModel;
import io.spawn.internal.model.ErrorCodes;
import io.spawn.internal.model.LocalActorDriver;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Unit-tests one actor bean with no Spring context and no runtime: give it a state, call actions through the same
 * method references callers use, and inspect the reply, the new state and the effects.
 *
 * <pre class="code">
 * ActorTestKit&lt;CounterActor&gt; counter = ActorTestKit.of(new CounterActor()).withState(new Counter(5));
 * assertThat(counter.call(CounterActor::add, new Add(1))).isEqualTo(new Total(6));
 * assertThat(counter.state()).isEqualTo(new Counter(6));
 * </pre>
 * Failures arrive as in production: {@link ActorCallException} with {@link CallStatus#ACTION_FAILED} and the code
 * given to {@code Effect.error}; an exception thrown by the action propagates as it is.
 * @param <A> the actor's class
 */
public final class ActorTestKit<A> extends AbstractActorRef<A> {

	private final LocalActorDriver driver;

	private final String id;

	private ActorTestKit(LocalActorDriver driver, String id) {
		this.driver = driver;
		this.id = id;
	}

	/**
	 * A test kit for an actor instance (build it as you like, with test doubles for its collaborators).
	 * @param actor the {@code @Actor} bean
	 * @param <A> its class
	 * @return the test kit, with the actor's initial state
	 */
	public static <A> ActorTestKit<A> of(A actor) {
		return new ActorTestKit<>(new LocalActorDriver(actor, "test"), "test");
	}

	/**
	 * A test kit for one instance id of an UNNAMED actor.
	 * @param actor the bean
	 * @param id the instance id its context reports
	 * @param <A> its class
	 * @return the test kit
	 */
	public static <A> ActorTestKit<A> of(A actor, String id) {
		return new ActorTestKit<>(new LocalActorDriver(actor, id), id);
	}

	/**
	 * Sets the current state.
	 * @param state the state
	 * @return this test kit
	 */
	public ActorTestKit<A> withState(Object state) {
		this.driver.state(state);
		return this;
	}

	/**
	 * The current state, after the calls so far.
	 * @param <S> the state type
	 * @return the state
	 */
	@SuppressWarnings("unchecked")
	public <S> S state() {
		return (S) this.driver.state();
	}

	/**
	 * The effect the last action returned, or {@code null} when it returned a plain reply.
	 * @return the effect
	 */
	public @Nullable Effect<?, ?> lastEffect() {
		return this.driver.lastEffect();
	}

	/**
	 * Side effects of the last action.
	 * @return the side effects
	 */
	public List<Effect.SideEffect> sideEffects() {
		Effect<?, ?> effect = this.driver.lastEffect();
		return (effect != null) ? effect.sideEffects() : List.of();
	}

	/**
	 * Broadcast of the last action, or {@code null}.
	 * @return the broadcast
	 */
	public Effect.@Nullable Broadcast broadcast() {
		Effect<?, ?> effect = this.driver.lastEffect();
		return (effect != null) ? effect.broadcast() : null;
	}

	/**
	 * Runs the actor's {@code @OnActivate} action, as an activation would.
	 * @return this test kit
	 */
	public ActorTestKit<A> activate() {
		ActionModel init = this.driver.model().onActivate();
		if (init != null) {
			this.driver.run(init, null);
		}
		return this;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public ActorRef<A> withMetadata(String key, String value) {
		this.driver.metadata().put(key, value);
		return this;
	}

	@Override
	public ActorRef<A> withTimeout(Duration timeout) {
		return this;
	}

	@Override
	public ActorRef<A> after(Duration delay) {
		throw new UnsupportedOperationException("ActorTestKit runs calls at once; test delays with @SpawnTest");
	}

	@Override
	public ActorRef<A> at(Instant time) {
		throw new UnsupportedOperationException("ActorTestKit runs calls at once; test delays with @SpawnTest");
	}

	@Override
	public void spawn() {
	}

	/**
	 * Puts the actor's initial state back, as a deletion of its stored state does in a runtime; call
	 * {@link #activate()} after it to run the {@code @OnActivate} action as the next activation would.
	 */
	@Override
	public void deleteState() {
		this.driver.resetState();
	}

	@Override
	protected <R> ActionCall<R> select(Serializable reference, @Nullable Object command, boolean withCommand) {
		ActionModel action = this.driver.action(reference);
		action.checkCommand(withCommand);
		return new LocalCall<>(action, command);
	}

	/** A call run at once on the driver; metadata and timeouts do not apply to a call made on the spot. */
	private final class LocalCall<R> implements ActionCall<R> {

		private final ActionModel action;

		private final @Nullable Object command;

		LocalCall(ActionModel action, @Nullable Object command) {
			this.action = action;
			this.command = command;
		}

		@Override
		@SuppressWarnings("unchecked")
		public R call() {
			try {
				return (R) ActorTestKit.this.driver.run(this.action, this.command);
			}
			catch (ActionFailedException ex) {
				ErrorCodes.Parsed failure = ErrorCodes.parse(ex.getMessage());
				throw new ActorCallException(CallStatus.ACTION_FAILED, failure.message(), failure.code());
			}
		}

		@Override
		public CompletableFuture<R> callAsync() {
			try {
				return CompletableFuture.completedFuture(call());
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}

		@Override
		public void tell() {
			call();
		}

		@Override
		public ActionCall<R> withMetadata(String key, String value) {
			ActorTestKit.this.driver.metadata().put(key, value);
			return this;
		}

		@Override
		public ActionCall<R> withTimeout(Duration timeout) {
			return this;
		}

		@Override
		public ActionCall<R> after(Duration delay) {
			throw new UnsupportedOperationException("ActorTestKit runs calls at once; test delays with @SpawnTest");
		}

		@Override
		public ActionCall<R> at(Instant time) {
			throw new UnsupportedOperationException("ActorTestKit runs calls at once; test delays with @SpawnTest");
		}

	}

}
