package io.spawn.internal.model;

/**
 * An {@code @Actor} bean that cannot be run as written; the message names the class and method to fix. Thrown at
 * startup, so that a mistake never surfaces as a failed call.
 */
public class ActorDefinitionException extends IllegalStateException {

	public ActorDefinitionException(String message) {
		super(message);
	}

	public ActorDefinitionException(String message, Throwable cause) {
		super(message, cause);
	}

}
