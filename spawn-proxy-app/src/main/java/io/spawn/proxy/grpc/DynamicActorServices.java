package io.spawn.proxy.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.spawn.internal.runtime.InvocationStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Builds a gRPC service from an actor contract at run time, with no generated code: each unary method reads its
 * input as a {@link DynamicMessage} of the method's input type, calls the action, and writes the reply as the
 * output type. Each service carries its descriptors as schema, so that server reflection lists it.
 */
final class DynamicActorServices {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(DynamicActorServices.class));

	/** The call's headers, for the invocation's metadata. */
	private static final Context.Key<Metadata> HEADERS = Context.key("spawn-grpc-headers");

	/** Headers of the transport or of gRPC itself, not of the caller. */
	private static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "te", "user-agent",
			"accept-encoding", "content-encoding");

	private static final ServerInterceptor CAPTURE_HEADERS = new ServerInterceptor() {
		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
		}
	};

	private final ContractInvoker invoker;

	DynamicActorServices(ContractInvoker invoker) {
		this.invoker = invoker;
	}

	ServerServiceDefinition definition(ActorContract contract) {
		Descriptors.ServiceDescriptor service = contract.service();
		ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(service.getFullName())
			.setSchemaDescriptor(new ServiceSchema(service));
		Map<MethodDescriptor<DynamicMessage, DynamicMessage>, Descriptors.MethodDescriptor> methods = new LinkedHashMap<>();
		for (Descriptors.MethodDescriptor method : service.getMethods()) {
			if (method.isClientStreaming() || method.isServerStreaming()) {
				logger.warn(() -> "Streaming method " + method.getFullName() + " is not served: actions are unary");
				continue;
			}
			MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod = MethodDescriptor
				.<DynamicMessage, DynamicMessage>newBuilder()
				.setType(MethodDescriptor.MethodType.UNARY)
				.setFullMethodName(MethodDescriptor.generateFullMethodName(service.getFullName(), method.getName()))
				.setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
				.setResponseMarshaller(
						ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
				.setSchemaDescriptor(new MethodSchema(method))
				.build();
			descriptor.addMethod(grpcMethod);
			methods.put(grpcMethod, method);
		}
		ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(descriptor.build());
		methods.forEach((grpcMethod, method) -> definition.addMethod(grpcMethod,
				ServerCalls.asyncUnaryCall((input, observer) -> call(contract, method, input, observer))));
		return ServerInterceptors.intercept(definition.build(), CAPTURE_HEADERS);
	}

	private void call(ActorContract contract, Descriptors.MethodDescriptor method, DynamicMessage input,
			StreamObserver<DynamicMessage> observer) {
		Context context = Context.current();
		Deadline deadline = context.getDeadline();
		Long timeout = (deadline != null) ? deadline.timeRemaining(TimeUnit.MILLISECONDS) : null;
		Metadata headers = HEADERS.get(context);
		this.invoker.invoke(contract, method, input, metadata(headers), timeout).whenComplete((output, failure) -> {
			if (failure == null) {
				observer.onNext(output);
				observer.onCompleted();
			}
			else {
				observer.onError(toStatus(failure).asRuntimeException());
			}
		});
	}

	static io.grpc.Status toStatus(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof ContractCallException call) {
			return GrpcStatuses.status(call.status(), call.getMessage());
		}
		logger.error(cause, "Unexpected failure of a contract call");
		return GrpcStatuses.status(InvocationStatus.ACTION_FAILED, "internal error in the proxy: " + cause);
	}

	/** The caller's ASCII headers, as invocation metadata. */
	static Map<String, String> metadata(@Nullable Metadata headers) {
		Map<String, String> metadata = new LinkedHashMap<>();
		if (headers == null) {
			return metadata;
		}
		for (String key : headers.keys()) {
			String name = key.toLowerCase(Locale.ROOT);
			if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX) || name.startsWith("grpc-") || name.startsWith(":")
					|| TRANSPORT_HEADERS.contains(name)) {
				continue;
			}
			String value = headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
			if (value != null) {
				metadata.put(name, value);
			}
		}
		return metadata;
	}

	private static class FileSchema implements ProtoFileDescriptorSupplier {

		private final Descriptors.FileDescriptor file;

		FileSchema(Descriptors.FileDescriptor file) {
			this.file = file;
		}

		@Override
		public Descriptors.FileDescriptor getFileDescriptor() {
			return this.file;
		}

	}

	private static final class ServiceSchema extends FileSchema implements ProtoServiceDescriptorSupplier {

		private final Descriptors.ServiceDescriptor service;

		ServiceSchema(Descriptors.ServiceDescriptor service) {
			super(service.getFile());
			this.service = service;
		}

		@Override
		public Descriptors.ServiceDescriptor getServiceDescriptor() {
			return this.service;
		}

	}

	private static final class MethodSchema extends FileSchema implements ProtoMethodDescriptorSupplier {

		private final Descriptors.MethodDescriptor method;

		MethodSchema(Descriptors.MethodDescriptor method) {
			super(method.getFile());
			this.method = method;
		}

		@Override
		public Descriptors.ServiceDescriptor getServiceDescriptor() {
			return this.method.getService();
		}

		@Override
		public Descriptors.MethodDescriptor getMethodDescriptor() {
			return this.method;
		}

	}

}
