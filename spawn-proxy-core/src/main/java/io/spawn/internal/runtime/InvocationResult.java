package io.spawn.internal.runtime;

import io.spawn.internal.host.LocalValue;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RequestStatus;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a call: the protocol response to send back and the status it stands for.
 * @param status the outcome, which also gives the HTTP code
 * @param response the response, whose {@code status} agrees with {@code status}
 * @param reply the reply as an object, only for a caller in this process that asked for it
 * ({@link ActorRuntime#invokeLocal}); the response's value is then unset
 */
public record InvocationResult(InvocationStatus status, InvocationResponse response, @Nullable LocalValue reply) {

	public InvocationResult(InvocationStatus status, InvocationResponse response) {
		this(status, response, null);
	}

	/**
	 * A failed call's result.
	 * @param status the outcome
	 * @param message what went wrong
	 * @param actor the actor called
	 * @return the result
	 */
	public static InvocationResult failure(InvocationStatus status, String message, ActorId actor) {
		InvocationResponse response = InvocationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(status.protocolStatus()).setMessage(message))
			.setSystem(ActorSystem.newBuilder().setName(actor.getSystem()))
			.setActor(Actor.newBuilder().setId(actor))
			.setNoop(Noop.getDefaultInstance())
			.build();
		return new InvocationResult(status, response);
	}

	public boolean ok() {
		return this.status == InvocationStatus.OK;
	}

	/**
	 * The error message, empty on success.
	 * @return the message
	 */
	public String message() {
		return this.response.getStatus().getMessage();
	}

}
