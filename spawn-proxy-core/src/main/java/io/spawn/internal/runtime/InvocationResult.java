package io.spawn.internal.runtime;

import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RequestStatus;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;

/**
 * The outcome of a call: the protocol response to send back and the status it stands for.
 * @param status the outcome, which also gives the HTTP code
 * @param response the response, whose {@code status} agrees with {@code status}
 */
public record InvocationResult(InvocationStatus status, InvocationResponse response) {

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
