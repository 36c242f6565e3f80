package io.spawn.proxy.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.proxy.metrics.ActorCatalog;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Turns a call of a contract method into an actor invocation and its reply into the method's output: the input
 * is packed into an {@code Any}, the reply's {@code Any} is read as the output type (an empty reply is the
 * output's default instance). Shared by the gRPC services and the HTTP/JSON routes.
 */
final class ContractInvoker {

	static final String TYPE_URL_PREFIX = "type.googleapis.com/";

	private final ActorRuntime runtime;

	private final String system;

	private final ActorCatalog catalog;

	ContractInvoker(ActorRuntime runtime, String system, ActorCatalog catalog) {
		this.runtime = runtime;
		this.system = system;
		this.catalog = catalog;
	}

	/**
	 * Calls the action of {@code method}.
	 * @param contract the actor's contract
	 * @param method the method called
	 * @param input its input
	 * @param metadata invocation metadata
	 * @param timeoutMillis the caller's deadline in milliseconds, or null for the runtime's default
	 * @return the output; fails with {@link ContractCallException}
	 */
	CompletableFuture<DynamicMessage> invoke(ActorContract contract, MethodDescriptor method, DynamicMessage input,
			Map<String, String> metadata, @Nullable Long timeoutMillis) {
		InvocationRequest request;
		try {
			request = request(contract, method, input, metadata, timeoutMillis);
		}
		catch (ContractCallException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		if (!request.getRegisterRef().isEmpty()) {
			// Metrics tag the instance with its template, as for the protocol's invoke route.
			this.catalog.referenced(this.system, request.getActor().getId().getName(), request.getRegisterRef());
		}
		return this.runtime.invokeAsync(request).thenApply((result) -> output(method, result));
	}

	InvocationRequest request(ActorContract contract, MethodDescriptor method, DynamicMessage input,
			Map<String, String> metadata, @Nullable Long timeoutMillis) {
		String name = contract.actorName();
		String registerRef = "";
		if (contract.unnamed()) {
			registerRef = name;
			name = instanceId(method.getInputType(), input);
		}
		InvocationRequest.Builder request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(this.system))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(this.system).setName(name)))
			.setActionName(ActorContract.action(method))
			.setRegisterRef(registerRef)
			.setValue(Any.newBuilder()
				.setTypeUrl(TYPE_URL_PREFIX + method.getInputType().getFullName())
				.setValue(input.toByteString()))
			.putAllMetadata(metadata);
		if (timeoutMillis != null) {
			if (timeoutMillis <= 0) {
				throw new ContractCallException(InvocationStatus.DEADLINE_EXCEEDED,
						"the deadline passed before the call reached the actor");
			}
			request.putMetadata(ActorRuntime.REQUEST_TIMEOUT, Long.toString(timeoutMillis));
		}
		return request.build();
	}

	private static String instanceId(Descriptor inputType, DynamicMessage input) {
		FieldDescriptor field = ActorContract.idField(inputType);
		if (field == null) {
			throw new ContractCallException(InvocationStatus.INVALID_REQUEST, "input " + inputType.getFullName()
					+ " has no field marked (spawn.actors.actor_id) = true, which an UNNAMED actor's calls need");
		}
		String id = String.valueOf(input.getField(field));
		if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE || id.isEmpty()) {
			throw new ContractCallException(InvocationStatus.INVALID_REQUEST,
					"field " + field.getFullName() + " (the actor id) must be set to a non-empty scalar");
		}
		return id;
	}

	static DynamicMessage output(MethodDescriptor method, InvocationResult result) {
		if (!result.ok()) {
			throw new ContractCallException(result.status(), result.message());
		}
		Descriptor outputType = method.getOutputType();
		InvocationResponse response = result.response();
		if (!response.hasValue()) {
			return DynamicMessage.getDefaultInstance(outputType);
		}
		Any value = response.getValue();
		String typeName = value.getTypeUrl().substring(value.getTypeUrl().lastIndexOf('/') + 1);
		if (!value.getTypeUrl().isEmpty() && !typeName.equals(outputType.getFullName())) {
			throw new ContractCallException(InvocationStatus.BAD_HOST_RESPONSE, "action '" + method.getName()
					+ "' replied " + typeName + " where the contract declares " + outputType.getFullName());
		}
		try {
			return DynamicMessage.parseFrom(outputType, value.getValue());
		}
		catch (InvalidProtocolBufferException ex) {
			throw new ContractCallException(InvocationStatus.BAD_HOST_RESPONSE, "action '" + method.getName()
					+ "' replied bytes that are not a " + outputType.getFullName() + ": " + ex.getMessage());
		}
	}

}
