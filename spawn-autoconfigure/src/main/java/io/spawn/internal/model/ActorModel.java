package io.spawn.internal.model;

import io.spawn.actor.ActorKind;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An {@code @Actor} bean as the runtime sees it: settings (annotation, then {@code spawn.actors.<name>.*}
 * overrides), state type and actions.
 * @param name the actor's name
 * @param beanType the bean's user class
 * @param bean supplies the bean instance
 * @param kind how instances come to exist
 * @param stateful whether state is persisted
 * @param stateType the state's class, or {@code null} for a stateless actor
 * @param initialState supplies the state of an actor with none stored, or {@code null} for a stateless actor
 * @param idleTimeout idle time before passivation, or {@code null} for the runtime default
 * @param snapshotInterval write-behind delay, or {@code null} for the runtime default
 * @param writeThrough whether every change is committed before replying
 * @param minPoolSize fewest workers of a pool
 * @param maxPoolSize most workers of a pool, 0 for the default
 * @param tags the actor's tags
 * @param actions actions by wire name
 * @param onActivate the init action, or {@code null}
 * @param timers timer actions with their period
 * @param subscriptions subscribed actions by channel
 */
public record ActorModel(String name, Class<?> beanType, Supplier<Object> bean, ActorKind kind, boolean stateful,
		@Nullable Class<?> stateType, @Nullable Supplier<Object> initialState, @Nullable Duration idleTimeout,
		@Nullable Duration snapshotInterval, boolean writeThrough, int minPoolSize, int maxPoolSize,
		Map<String, String> tags, Map<String, ActionModel> actions, @Nullable ActionModel onActivate,
		Map<String, Duration> timers, Map<String, String> subscriptions) {

	/** Wire name of the init action. */
	public static final String INIT_ACTION = "init";

	/**
	 * The action declared by {@code method}.
	 * @param method a method of the bean
	 * @return the action, or {@code null}
	 */
	public @Nullable ActionModel action(Method method) {
		for (ActionModel action : this.actions.values()) {
			if (action.method().equals(method)) {
				return action;
			}
		}
		return null;
	}

	/**
	 * The action a method reference ({@code CounterActor::add}) names.
	 * @param reference the method reference
	 * @return the action
	 * @throws IllegalArgumentException when the method is not an action of this actor, or the reference is a lambda
	 */
	public ActionModel action(Serializable reference) {
		MethodReferences.Target target = MethodReferences.resolve(reference);
		for (ActionModel action : this.actions.values()) {
			if (target.matches(action.method())) {
				return action;
			}
		}
		throw new IllegalArgumentException(target.className() + "." + target.methodName()
				+ " is not an action of actor '" + this.name + "'; annotate it with @Action");
	}

	/**
	 * Every action name the actor answers, the init action included.
	 * @return the names
	 */
	public List<String> actionNames() {
		return List.copyOf(this.actions.keySet());
	}

}
