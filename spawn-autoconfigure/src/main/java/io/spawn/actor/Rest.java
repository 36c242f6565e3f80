package io.spawn.actor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes an action as an HTTP endpoint of the application, with JSON in and out. The path variable named by
 * {@link #idVariable()} picks the instance of an UNNAMED actor; other path and query variables fill the command's
 * fields, as does a JSON body. The same can be configured without code under {@code spawn.rest.routes}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Rest {

	/**
	 * The HTTP method.
	 * @return the method
	 */
	String method() default "POST";

	/**
	 * The path template, such as {@code /counters/{id}/increment}.
	 * @return the path
	 */
	String path();

	/**
	 * The path variable holding the instance id of an UNNAMED actor.
	 * @return the variable name
	 */
	String idVariable() default "id";

}
