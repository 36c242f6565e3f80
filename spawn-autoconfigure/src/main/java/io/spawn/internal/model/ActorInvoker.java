package io.spawn.internal.model;

import io.spawn.client.CallStatus;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.SpawnRequest;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Where calls go: the embedded runtime in this process, or the sidecar proxy over HTTP.
 */
public interface ActorInvoker {

	/**
	 * Sends a call.
	 * @param request the call
	 * @return the outcome; the future completes normally, failed calls included
	 */
	CompletableFuture<Outcome> invoke(InvocationRequest request);

	/**
	 * Sends a call whose command is passed as the object itself, taking the reply as an object where it stays one;
	 * only an invoker whose calls stay in this process does more than encode the command.
	 * @param request the call, without a value
	 * @param command the command, which must not change afterwards ({@link PayloadCodec#travelsAsObject})
	 * @param codec encodes the command where it has to become bytes
	 * @return the outcome; its {@link Outcome#reply()} holds the reply when it stayed an object
	 */
	default CompletableFuture<Outcome> invokeObjects(InvocationRequest request, @Nullable Object command,
			PayloadCodec codec) {
		InvocationRequest encoded = (command != null)
				? request.toBuilder().setValue(codec.encodePresent(command)).build() : request;
		return invoke(encoded);
	}

	/**
	 * As {@link #invokeObjects}, blocking until the outcome; an in-process invoker may run the actor's turn on the
	 * calling thread.
	 * @param request the call, without a value
	 * @param command the command, or {@code null}
	 * @param codec encodes the command where it has to become bytes
	 * @return the outcome
	 */
	default Outcome callObjects(InvocationRequest request, @Nullable Object command, PayloadCodec codec) {
		return invokeObjects(request, command, codec).join();
	}

	/**
	 * Whether calls stay in this process, so that commands and replies can travel as objects.
	 * @return whether {@link #invokeObjects} passes objects
	 */
	default boolean inProcess() {
		return false;
	}

	/**
	 * Deletes an actor's stored state, so that its next call starts from the initial state.
	 * @param system the system
	 * @param actor the actor's name
	 * @return the outcome; the future completes normally, failures included
	 */
	CompletableFuture<Outcome> deleteState(String system, String actor);

	/**
	 * Creates instances of UNNAMED actors.
	 * @param system the system
	 * @param request the instances
	 */
	void spawn(String system, SpawnRequest request);

	/**
	 * A call's outcome.
	 * @param failure why the call failed, {@code null} when it succeeded
	 * @param response the protocol response; without a value when {@code reply} holds it
	 * @param reply the reply as the actor's own object, from {@link #invokeObjects}, or {@code null}
	 */
	record Outcome(@Nullable CallStatus failure, InvocationResponse response, @Nullable Object reply) {

		public Outcome(@Nullable CallStatus failure, InvocationResponse response) {
			this(failure, response, null);
		}

		/**
		 * A successful call's outcome.
		 * @param response the protocol response
		 * @return the outcome
		 */
		public static Outcome ok(InvocationResponse response) {
			return new Outcome(null, response);
		}

		public boolean ok() {
			return this.failure == null;
		}

	}

}
