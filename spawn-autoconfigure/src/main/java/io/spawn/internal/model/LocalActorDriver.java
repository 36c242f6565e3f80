package io.spawn.internal.model;

import io.spawn.actor.ActorContext;
import io.spawn.actor.Effect;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an actor bean's actions directly on Java objects, with no runtime, no serialization and no Spring: the
 * engine of {@code ActorTestKit}. It applies the same parameter rules and the same state rules as the runtime.
 */
public final class LocalActorDriver {

	private final ActorModel model;

	private @Nullable Object state;

	private @Nullable Effect<?, ?> lastEffect;

	private final Map<String, String> metadata = new LinkedHashMap<>();

	private final String id;

	public LocalActorDriver(Object actor, String id) {
		ActorModels models = ActorModels.of(
				List.of(new ActorModels.ActorBean(actor.getClass().getSimpleName(), actor.getClass(), () -> actor)),
				Map.of(), new PayloadCodec(JsonMapper.builder().build()));
		this.model = models.all().iterator().next();
		this.id = id;
		this.state = (this.model.initialState() != null) ? this.model.initialState().get() : null;
	}

	public ActorModel model() {
		return this.model;
	}

	public @Nullable Object state() {
		return this.state;
	}

	public void state(@Nullable Object state) {
		if (state != null && this.model.stateType() != null && !this.model.stateType().isInstance(state)) {
			throw new IllegalArgumentException("state of actor '" + this.model.name() + "' is a "
					+ this.model.stateType().getName() + ", not " + state.getClass().getName());
		}
		this.state = state;
	}

	/** Forgets the state, as a deletion of the stored state does: the initial state is back. */
	public void resetState() {
		this.state = (this.model.initialState() != null) ? this.model.initialState().get() : null;
	}

	public Map<String, String> metadata() {
		return this.metadata;
	}

	public @Nullable Effect<?, ?> lastEffect() {
		return this.lastEffect;
	}

	/**
	 * The action a method reference names.
	 * @param reference the method reference
	 * @return the action
	 */
	public ActionModel action(Serializable reference) {
		return this.model.action(reference);
	}

	/**
	 * Runs an action; a new state from its effect becomes the current state, as in the runtime.
	 * @param action the action
	 * @param command the command, or {@code null}
	 * @return the reply, or {@code null}
	 * @throws ActionFailedException when the action returned {@code Effect.error}, with its code
	 * @throws RuntimeException whatever the action threw
	 */
	public @Nullable Object run(ActionModel action, @Nullable Object command) {
		Object[] arguments = new Object[action.parameters().size()];
		Object current = this.state;
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = switch (action.parameters().get(i)) {
				case STATE -> current;
				case CONTEXT -> new Context(current);
				case COMMAND -> command;
			};
		}
		Object result;
		try {
			result = action.method().invoke(this.model.bean().get(), arguments);
		}
		catch (InvocationTargetException ex) {
			if (ex.getTargetException() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getTargetException());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
		if (result instanceof Effect<?, ?> effect) {
			this.lastEffect = effect;
			if (effect.failure() != null) {
				throw new ActionFailedException(ErrorCodes.encode(effect.failure().code(), effect.failure().message()));
			}
			if (effect.updatesState()) {
				this.state = effect.state();
			}
			return effect.replies() ? effect.reply() : null;
		}
		this.lastEffect = null;
		if (action == this.model.onActivate() && result != null && this.model.stateType() != null
				&& this.model.stateType().isInstance(result)) {
			this.state = result;
			return null;
		}
		return result;
	}

	private final class Context implements ActorContext<Object> {

		private final @Nullable Object current;

		Context(@Nullable Object current) {
			this.current = current;
		}

		@Override
		public String self() {
			return LocalActorDriver.this.id;
		}

		@Override
		public String system() {
			return "test-system";
		}

		@Override
		public Optional<String> caller() {
			return Optional.empty();
		}

		@Override
		public Map<String, String> metadata() {
			return Map.copyOf(LocalActorDriver.this.metadata);
		}

		@Override
		public Map<String, String> tags() {
			return LocalActorDriver.this.model.tags();
		}

		@Override
		public Object state() {
			if (this.current == null) {
				throw new IllegalStateException("actor '" + LocalActorDriver.this.model.name() + "' is stateless");
			}
			return this.current;
		}

	}

}
