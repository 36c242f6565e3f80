package io.spawn.internal.model;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import io.spawn.actor.InitialState;
import io.spawn.actor.OnActivate;
import io.spawn.actor.Subscribe;
import io.spawn.actor.Timer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The actors of an application, read from their {@code @Actor} beans at startup. Every mistake a user can make in
 * an actor class (a duplicate action name, a parameter that cannot be resolved, a state type that cannot be
 * determined) fails here, with the class and method named.
 */
public final class ActorModels {

	private final Map<String, ActorModel> byName;

	private final Map<Class<?>, ActorModel> byType;

	private ActorModels(Map<String, ActorModel> byName) {
		this.byName = Map.copyOf(byName);
		Map<Class<?>, ActorModel> types = new LinkedHashMap<>();
		byName.values().forEach((model) -> types.put(model.beanType(), model));
		this.byType = Map.copyOf(types);
	}

	public Collection<ActorModel> all() {
		return this.byName.values();
	}

	public @Nullable ActorModel byName(String name) {
		return this.byName.get(name);
	}

	/**
	 * The actor declared by a class (or one of its subclasses, such as a proxy).
	 * @param type the class
	 * @return the actor
	 * @throws ActorDefinitionException when the class is not an actor of this application
	 */
	public ActorModel byType(Class<?> type) {
		ActorModel model = this.byType.get(ClassUtils.getUserClass(type));
		if (model == null) {
			for (ActorModel candidate : this.byType.values()) {
				if (candidate.beanType().isAssignableFrom(type) || type.isAssignableFrom(candidate.beanType())) {
					return candidate;
				}
			}
			throw new ActorDefinitionException(type.getName() + " is not an @Actor bean of this application");
		}
		return model;
	}

	/**
	 * Reads every actor bean.
	 * @param beans the beans annotated with {@code @Actor}
	 * @param overrides per-actor overrides from configuration, by actor name
	 * @param codec for default initial states
	 * @return the models
	 */
	public static ActorModels of(List<ActorBean> beans, Map<String, ActorOverrides> overrides, PayloadCodec codec) {
		Map<String, ActorModel> models = new LinkedHashMap<>();
		for (ActorBean bean : beans) {
			ActorModel model = read(bean, overrides, codec);
			ActorModel clash = models.put(model.name(), model);
			if (clash != null) {
				throw new ActorDefinitionException("two actors are named '" + model.name() + "': "
						+ clash.beanType().getName() + " and " + model.beanType().getName());
			}
		}
		for (String configured : overrides.keySet()) {
			if (!models.containsKey(configured)) {
				throw new ActorDefinitionException("spawn.actors." + configured + " configures an actor that does not "
						+ "exist; actors are " + models.keySet());
			}
		}
		return new ActorModels(models);
	}

	private static ActorModel read(ActorBean bean, Map<String, ActorOverrides> overrides, PayloadCodec codec) {
		Class<?> type = ClassUtils.getUserClass(bean.type());
		Actor actor = AnnotatedElementUtils.findMergedAnnotation(type, Actor.class);
		if (actor == null) {
			throw new ActorDefinitionException(type.getName() + " is not annotated with @Actor");
		}
		String name = actor.value().isBlank() ? bean.beanName() : actor.value();
		ActorOverrides override = overrides.getOrDefault(name, ActorOverrides.NONE);
		ActorKind kind = actor.kind();
		boolean stateful = (override.stateful() != null) ? override.stateful() : actor.stateful();
		stateful &= kind != ActorKind.POOLED;

		List<Method> methods = new ArrayList<>();
		ReflectionUtils.doWithMethods(type, methods::add, (method) -> !method.isBridge() && !method.isSynthetic()
				&& method.getDeclaringClass() != Object.class);
		Method initialStateMethod = null;
		for (Method method : methods) {
			if (AnnotatedElementUtils.hasAnnotation(method, InitialState.class)) {
				if (initialStateMethod != null) {
					throw new ActorDefinitionException(
							type.getSimpleName() + " declares two @InitialState methods: " + initialStateMethod.getName()
									+ " and " + method.getName());
				}
				if (method.getParameterCount() != 0 || method.getReturnType() == void.class) {
					throw new ActorDefinitionException("@InitialState method " + type.getSimpleName() + "."
							+ method.getName() + " must take no parameters and return the state");
				}
				initialStateMethod = method;
			}
		}
		Class<?> stateType = stateType(type, actor, initialStateMethod, methods, stateful);
		Supplier<Object> initialState = null;
		if (stateType != null) {
			initialState = initialState(bean, stateType, initialStateMethod, codec, type);
		}

		Map<String, ActionModel> actions = new LinkedHashMap<>();
		Map<String, Duration> timers = new LinkedHashMap<>();
		Map<String, String> subscriptions = new LinkedHashMap<>();
		ActionModel onActivate = null;
		for (Method method : methods) {
			Action action = AnnotatedElementUtils.findMergedAnnotation(method, Action.class);
			Timer timer = AnnotatedElementUtils.findMergedAnnotation(method, Timer.class);
			Subscribe subscribe = AnnotatedElementUtils.findMergedAnnotation(method, Subscribe.class);
			boolean activate = AnnotatedElementUtils.hasAnnotation(method, OnActivate.class);
			int roles = (action != null ? 1 : 0) + (timer != null ? 1 : 0) + (subscribe != null ? 1 : 0)
					+ (activate ? 1 : 0);
			if (roles == 0) {
				continue;
			}
			String where = type.getSimpleName() + "." + method.getName();
			if (roles > 1) {
				throw new ActorDefinitionException(
						where + " has more than one of @Action, @Timer, @Subscribe and @OnActivate");
			}
			if (Modifier.isStatic(method.getModifiers())) {
				throw new ActorDefinitionException(where + " is static; actions must be instance methods");
			}
			String actionName = activate ? ActorModel.INIT_ACTION
					: (action != null && !action.value().isBlank()) ? action.value() : method.getName();
			ActionModel model = action(method, actionName, stateType, where);
			if ((timer != null || activate) && model.commandType() != null) {
				throw new ActorDefinitionException(where + " takes a command, but " + (activate ? "@OnActivate" : "@Timer")
						+ " actions receive none");
			}
			ActionModel clash = actions.put(actionName, model);
			if (clash != null) {
				throw new ActorDefinitionException("actor '" + name + "' declares action '" + actionName + "' twice: "
						+ clash.describe() + " and " + model.describe());
			}
			if (activate) {
				onActivate = model;
			}
			if (timer != null) {
				timers.put(actionName, duration(timer.every(), where + " @Timer(every)"));
			}
			if (subscribe != null) {
				if (subscribe.channel().isBlank()) {
					throw new ActorDefinitionException(where + " subscribes to a blank channel");
				}
				subscriptions.put(subscribe.channel(), actionName);
			}
		}
		if (actions.isEmpty()) {
			throw new ActorDefinitionException("actor '" + name + "' (" + type.getName() + ") declares no actions; "
					+ "annotate its methods with @Action, @Timer, @Subscribe or @OnActivate");
		}

		Duration idle = (override.idleTimeout() != null) ? override.idleTimeout()
				: optionalDuration(actor.idleTimeout(), type.getSimpleName() + " @Actor(idleTimeout)");
		Duration snapshot = (override.snapshotInterval() != null) ? override.snapshotInterval()
				: optionalDuration(actor.snapshotInterval(), type.getSimpleName() + " @Actor(snapshotInterval)");
		boolean writeThrough = (override.writeThrough() != null) ? override.writeThrough() : actor.writeThrough();
		int minPool = (override.minPoolSize() != null) ? override.minPoolSize() : actor.minPoolSize();
		int maxPool = (override.maxPoolSize() != null) ? override.maxPoolSize() : actor.maxPoolSize();
		if (maxPool > 0 && maxPool < minPool) {
			throw new ActorDefinitionException("actor '" + name + "' has maxPoolSize " + maxPool + " below minPoolSize "
					+ minPool);
		}
		Map<String, String> tags = new LinkedHashMap<>();
		for (String tag : actor.tags()) {
			int equals = tag.indexOf('=');
			if (equals <= 0) {
				throw new ActorDefinitionException(type.getSimpleName() + " @Actor(tags) entry '" + tag
						+ "' is not key=value");
			}
			tags.put(tag.substring(0, equals).strip(), tag.substring(equals + 1).strip());
		}
		tags.putAll(override.tags());
		return new ActorModel(name, type, bean.instance(), kind, stateful, stateType, initialState, idle, snapshot,
				writeThrough, minPool, maxPool, Map.copyOf(tags), actions, onActivate, timers, subscriptions);
	}

	private static @Nullable Class<?> stateType(Class<?> type, Actor actor, @Nullable Method initialStateMethod,
			List<Method> methods, boolean stateful) {
		if (actor.state() != void.class) {
			return actor.state();
		}
		if (initialStateMethod != null) {
			return initialStateMethod.getReturnType();
		}
		for (Method method : methods) {
			ResolvableType returned = ResolvableType.forMethodReturnType(method, type);
			if (Effect.class.equals(returned.toClass())) {
				Class<?> state = returned.getGeneric(0).resolve();
				if (state != null && state != Object.class && state != Void.class) {
					return state;
				}
			}
		}
		if (stateful) {
			throw new ActorDefinitionException("cannot determine the state type of stateful actor " + type.getName()
					+ ": declare @Actor(state = ...), an @InitialState method, or return Effect<State, Reply> from an "
					+ "action; or mark it @Actor(stateful = false)");
		}
		return null;
	}

	private static Supplier<Object> initialState(ActorBean bean, Class<?> stateType, @Nullable Method method,
			PayloadCodec codec, Class<?> type) {
		if (method == null) {
			codec.emptyState(stateType);
			return () -> codec.emptyState(stateType);
		}
		ReflectionUtils.makeAccessible(method);
		return () -> {
			try {
				Object state = method.invoke(bean.instance().get());
				if (state == null) {
					throw new ActorDefinitionException("@InitialState method " + type.getSimpleName() + "."
							+ method.getName() + " returned null");
				}
				return state;
			}
			catch (InvocationTargetException ex) {
				throw new ActorDefinitionException("@InitialState method " + type.getSimpleName() + "."
						+ method.getName() + " failed: " + ex.getTargetException().getMessage(), ex.getTargetException());
			}
			catch (IllegalAccessException ex) {
				throw new ActorDefinitionException("cannot call " + method, ex);
			}
		};
	}

	/**
	 * Callers name actions by method reference, and the compiler can only tell the command from the state by its
	 * position (see {@code ActionMethod}): so parameters come as state, command, context.
	 */
	private static void checkOrder(List<ActionModel.Parameter> parameters, String where) {
		List<ActionModel.Parameter> sorted = parameters.stream().sorted().toList();
		if (!sorted.equals(parameters)) {
			throw new ActorDefinitionException(where + ": declare the parameters in the order state, command, "
					+ "ActorContext (each optional), as in add(Counter counter, Add add, ActorContext<Counter> context); "
					+ "they are " + parameters);
		}
	}

	private static ActionModel action(Method method, String name, @Nullable Class<?> stateType, String where) {
		ReflectionUtils.makeAccessible(method);
		List<ActionModel.Parameter> parameters = new ArrayList<>();
		Type commandType = null;
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			Class<?> parameter = types[i];
			if (ActorContext.class.isAssignableFrom(parameter)) {
				parameters.add(ActionModel.Parameter.CONTEXT);
			}
			else if (stateType != null && parameter.equals(stateType)) {
				parameters.add(ActionModel.Parameter.STATE);
			}
			else if (commandType == null) {
				commandType = method.getGenericParameterTypes()[i];
				parameters.add(ActionModel.Parameter.COMMAND);
			}
			else {
				throw new ActorDefinitionException(where + ": cannot resolve parameter " + (i + 1) + " of type "
						+ parameter.getSimpleName() + "; an action takes at most one command besides the state ("
						+ ((stateType != null) ? stateType.getSimpleName() : "none") + ") and an ActorContext");
			}
		}
		checkOrder(parameters, where);
		ResolvableType returned = ResolvableType.forMethodReturnType(method);
		boolean effect = Effect.class.equals(returned.toClass());
		Type replyType;
		if (effect) {
			ResolvableType reply = returned.getGeneric(1);
			replyType = (reply == ResolvableType.NONE || reply.resolve() == null) ? Object.class : reply.getType();
			if (stateType != null && returned.getGeneric(0).resolve() != null
					&& !returned.getGeneric(0).toClass().isAssignableFrom(stateType)
					&& returned.getGeneric(0).toClass() != Object.class) {
				throw new ActorDefinitionException(where + " returns Effect<" + returned.getGeneric(0).toClass().getSimpleName()
						+ ", ?> but the actor's state is " + stateType.getSimpleName());
			}
		}
		else {
			replyType = (method.getReturnType() == void.class) ? null : method.getGenericReturnType();
		}
		return new ActionModel(name, method, List.copyOf(parameters), commandType, replyType, effect);
	}

	private static Duration duration(String text, String where) {
		try {
			Duration duration = DurationStyle.detectAndParse(text);
			if (duration.isNegative() || duration.isZero()) {
				throw new ActorDefinitionException(where + " must be positive, was '" + text + "'");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			throw new ActorDefinitionException(where + " is not a duration: '" + text + "' (use 500ms, 5s, 1m)", ex);
		}
	}

	private static @Nullable Duration optionalDuration(String text, String where) {
		return text.isBlank() ? null : duration(text, where);
	}

	/**
	 * An actor bean found in the context.
	 * @param beanName the bean's name
	 * @param type the bean's type
	 * @param instance supplies the bean
	 */
	public record ActorBean(String beanName, Class<?> type, Supplier<Object> instance) {
	}

	/**
	 * Settings from {@code spawn.actors.<name>.*} that override the annotation; {@code null} keeps it.
	 * @param stateful whether stateful
	 * @param idleTimeout idle timeout
	 * @param snapshotInterval snapshot interval
	 * @param writeThrough whether write-through
	 * @param minPoolSize min pool size
	 * @param maxPoolSize max pool size
	 * @param tags extra tags
	 */
	public record ActorOverrides(@Nullable Boolean stateful, @Nullable Duration idleTimeout,
			@Nullable Duration snapshotInterval, @Nullable Boolean writeThrough, @Nullable Integer minPoolSize,
			@Nullable Integer maxPoolSize, Map<String, String> tags) {

		public static final ActorOverrides NONE = new ActorOverrides(null, null, null, null, null, null, Map.of());

	}

}
