package io.spawn.proxy.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.spawn.protocol.actors.ActorOpts;
import io.spawn.protocol.actors.ExtensionsProto;
import io.spawn.protocol.actors.Kind;
import org.jspecify.annotations.Nullable;

/**
 * One service of a user's contract that is an actor: its methods are the actor's actions.
 *
 * <p>
 * {@code ActorOpts} has no name, so the actor is named after the service's simple name ({@code AccountActor} in
 * {@code package bank; service AccountActor}): the host must register an actor (or, for UNNAMED, a template) of
 * that name.
 * @param service the service
 * @param options its {@code (spawn.actors.actor)} option
 */
record ActorContract(ServiceDescriptor service, ActorOpts options) {

	/**
	 * The name of the registered actor (or template) this service calls.
	 * @return the service's simple name
	 */
	String actorName() {
		return this.service.getName();
	}

	/**
	 * Whether each call names its instance through the input's {@code (spawn.actors.actor_id)} field.
	 * @return whether UNNAMED
	 */
	boolean unnamed() {
		return this.options.getKind() == Kind.UNNAMED;
	}

	/**
	 * The field of an input message marked {@code (spawn.actors.actor_id) = true}, if any.
	 * @param input the input message type
	 * @return the field, or null
	 */
	static @Nullable FieldDescriptor idField(Descriptor input) {
		for (FieldDescriptor field : input.getFields()) {
			if (!field.isRepeated() && field.getOptions().getExtension(ExtensionsProto.actorId)) {
				return field;
			}
		}
		return null;
	}

	/**
	 * The action a method stands for.
	 * @param method a method of this service
	 * @return the action's name, the method's name
	 */
	static String action(MethodDescriptor method) {
		return method.getName();
	}

}
