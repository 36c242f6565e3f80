package io.spawn.client;

import io.spawn.actor.ActorKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An interface through which this application calls an actor it does not implement: an actor of another service
 * or written with another Spawn SDK. Interfaces in the application's packages are registered as beans
 * automatically. Each method is an action (named by {@code @Action} or after the method); its one parameter that
 * is not {@link InstanceId} is the command, and its return type the reply ({@code CompletableFuture<R>} for an
 * asynchronous call, {@code void} to ignore the reply).
 *
 * <pre class="code">
 * &#64;ActorClient(actor = "account", kind = ActorKind.UNNAMED, system = "bank")
 * interface Accounts {
 *     Balance deposit(&#64;InstanceId String account, Deposit deposit);
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ActorClient {

	/**
	 * The actor's name (the template's, for an UNNAMED actor).
	 * @return the name
	 */
	String actor();

	/**
	 * The actor's kind; UNNAMED actors take their instance id from the {@link InstanceId} parameter.
	 * @return the kind
	 */
	ActorKind kind() default ActorKind.NAMED;

	/**
	 * The actor system; defaults to {@code spawn.system}.
	 * @return the system
	 */
	String system() default "";

}
