package io.spawn.actor;

import java.util.Map;
import java.util.Optional;

/**
 * What an action knows about the call it runs: who it is, who calls, the call's metadata and the actor's tags.
 * @param <S> the state type
 */
public interface ActorContext<S> {

	/**
	 * This actor's name (the instance id for an UNNAMED actor).
	 * @return the name
	 */
	String self();

	/**
	 * The actor system.
	 * @return the system
	 */
	String system();

	/**
	 * The caller's actor name, when an actor calls.
	 * @return the caller
	 */
	Optional<String> caller();

	/**
	 * The call's metadata ({@code traceparent}, {@code request-timeout}, custom keys).
	 * @return the metadata
	 */
	Map<String, String> metadata();

	/**
	 * The actor's tags.
	 * @return the tags
	 */
	Map<String, String> tags();

	/**
	 * The current state.
	 * @return the state
	 */
	S state();

}
