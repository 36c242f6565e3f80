package io.spawn.actor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An action of an {@link Actor}. Parameters are resolved by type: the actor's state, an {@link ActorContext},
 * and at most one command. The method returns a reply, an {@link Effect}, or nothing.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Action {

	/**
	 * The action's name on the wire; defaults to the method name.
	 * @return the name
	 */
	String value() default "";

}
