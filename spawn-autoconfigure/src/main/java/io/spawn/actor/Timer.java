package io.spawn.actor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An action the runtime calls periodically on every instance of the actor (a durable timer). It takes no
 * command.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Timer {

	/**
	 * The period, as a duration ({@code 5s}, {@code 1m}).
	 * @return the period
	 */
	String every();

}
