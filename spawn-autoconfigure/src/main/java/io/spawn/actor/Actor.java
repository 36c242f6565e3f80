package io.spawn.actor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Makes a Spring bean an actor. Its {@link Action @Action} methods run one call at a time per instance, with the
 * instance's state passed in and an {@link Effect} (or a plain reply) returned. Every setting can be overridden per
 * environment with {@code spawn.actors.<name>.*} properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface Actor {

	/**
	 * The actor's name; defaults to the bean name.
	 * @return the name
	 */
	@AliasFor(annotation = Component.class, attribute = "value")
	String value() default "";

	/**
	 * How instances come to exist.
	 * @return the kind
	 */
	ActorKind kind() default ActorKind.NAMED;

	/**
	 * Whether the state is persisted. Pooled actors are never stateful.
	 * @return whether stateful
	 */
	boolean stateful() default true;

	/**
	 * The state's type, when it cannot be read from an {@link InitialState} method or from {@code Effect<State, ?>}
	 * return types.
	 * @return the state type, {@code void.class} to infer it
	 */
	Class<?> state() default void.class;

	/**
	 * Idle time before the actor leaves memory, as a duration ({@code 60s}, {@code 5m}); empty for the default.
	 * @return the idle timeout
	 */
	String idleTimeout() default "";

	/**
	 * Longest time a changed state waits before it is persisted (write-behind); empty for the default.
	 * @return the snapshot interval
	 */
	String snapshotInterval() default "";

	/**
	 * Whether every state change is committed before the call returns.
	 * @return whether write-through
	 */
	boolean writeThrough() default false;

	/**
	 * Fewest workers of a POOLED actor.
	 * @return the minimum
	 */
	int minPoolSize() default 1;

	/**
	 * Most concurrent workers of a POOLED actor; 0 for the default.
	 * @return the maximum
	 */
	int maxPoolSize() default 0;

	/**
	 * Tags, each {@code key=value}.
	 * @return the tags
	 */
	String[] tags() default {};

}
