package io.spawn.internal.model;

import io.spawn.actor.Action;
import io.spawn.actor.ActorKind;
import io.spawn.client.ActorCallException;
import io.spawn.client.ActorClient;
import io.spawn.client.CallStatus;
import io.spawn.client.InstanceId;
import io.spawn.protocol.InvocationRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Creates the implementations of {@link ActorClient} interfaces: JDK proxies that turn a method call into a
 * protocol call through the {@link ActorInvoker}. Each interface is checked when its client is created, so a
 * method that cannot be mapped fails the startup with its name.
 */
public final class ActorClientFactory {

	private final ActorInvoker invoker;

	private final PayloadCodec codec;

	private final String defaultSystem;

	public ActorClientFactory(ActorInvoker invoker, PayloadCodec codec, String defaultSystem) {
		this.invoker = invoker;
		this.codec = codec;
		this.defaultSystem = defaultSystem;
	}

	public <T> T create(Class<T> type) {
		ActorClient client = AnnotatedElementUtils.findMergedAnnotation(type, ActorClient.class);
		if (client == null || !type.isInterface()) {
			throw new ActorDefinitionException(type.getName() + " must be an interface annotated with @ActorClient");
		}
		String system = client.system().isBlank() ? this.defaultSystem : client.system();
		Map<Method, Call> calls = new LinkedHashMap<>();
		for (Method method : type.getMethods()) {
			if (!method.isDefault() && !java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
				calls.put(method, call(type, client, method));
			}
		}
		Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (self, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "toString" -> "ActorClient(" + client.actor() + "@" + system + ")";
					case "hashCode" -> System.identityHashCode(self);
					case "equals" -> self == args[0];
					default -> throw new UnsupportedOperationException(method.getName());
				};
			}
			return calls.get(method).invoke(system, client, (args != null) ? args : new Object[0]);
		});
		return type.cast(proxy);
	}

	private Call call(Class<?> type, ActorClient client, Method method) {
		String where = type.getSimpleName() + "." + method.getName();
		Action action = AnnotatedElementUtils.findMergedAnnotation(method, Action.class);
		String name = (action != null && !action.value().isBlank()) ? action.value() : method.getName();
		int idIndex = -1;
		int commandIndex = -1;
		java.lang.annotation.Annotation[][] annotations = method.getParameterAnnotations();
		for (int i = 0; i < method.getParameterCount(); i++) {
			boolean isId = java.util.Arrays.stream(annotations[i]).anyMatch((a) -> a instanceof InstanceId);
			if (isId) {
				if (idIndex >= 0 || method.getParameterTypes()[i] != String.class) {
					throw new ActorDefinitionException(where + ": one String parameter may be @InstanceId");
				}
				idIndex = i;
			}
			else if (commandIndex < 0) {
				commandIndex = i;
			}
			else {
				throw new ActorDefinitionException(where + ": an action takes at most one command parameter");
			}
		}
		if (client.kind() == ActorKind.UNNAMED && idIndex < 0) {
			throw new ActorDefinitionException(where + ": actor '" + client.actor()
					+ "' is UNNAMED, so the method needs an @InstanceId String parameter");
		}
		ResolvableType returned = ResolvableType.forMethodReturnType(method);
		boolean async = CompletableFuture.class.equals(returned.toClass());
		Type reply = async ? returned.getGeneric(0).getType() : method.getGenericReturnType();
		if (reply == void.class || reply == Void.class) {
			reply = null;
		}
		return new Call(name, idIndex, commandIndex, async, reply);
	}

	private final class Call {

		private final String action;

		private final int idIndex;

		private final int commandIndex;

		private final boolean async;

		private final @Nullable Type reply;

		Call(String action, int idIndex, int commandIndex, boolean async, @Nullable Type reply) {
			this.action = action;
			this.idIndex = idIndex;
			this.commandIndex = commandIndex;
			this.async = async;
			this.reply = reply;
		}

		@Nullable Object invoke(String system, ActorClient client, Object[] args) {
			String id = (this.idIndex >= 0) ? (String) args[this.idIndex] : client.actor();
			if (id == null || id.isBlank()) {
				throw new IllegalArgumentException("the @InstanceId of " + this.action + " must not be blank");
			}
			Object command = (this.commandIndex >= 0) ? args[this.commandIndex] : null;
			ActorInvoker invoker = ActorClientFactory.this.invoker;
			PayloadCodec codec = ActorClientFactory.this.codec;
			// As for typed references: in this process, a command that cannot change goes as the object itself.
			boolean objects = invoker.inProcess() && (command == null || codec.travelsAsObject(command));
			InvocationRequest request = CallRequests.to(system, id, this.action)
				.template((client.kind() == ActorKind.UNNAMED) ? client.actor() : null)
				.command(objects ? null : CallRequests.encode(codec, command))
				.build();
			if (objects && !this.async) {
				return read(invoker.callObjects(request, command, codec));
			}
			CompletableFuture<Object> result = (objects ? invoker.invokeObjects(request, command, codec)
					: invoker.invoke(request)).thenApply(this::read);
			if (this.async) {
				return result;
			}
			try {
				return result.join();
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
			}
		}

		private @Nullable Object read(ActorInvoker.Outcome outcome) {
			if (!outcome.ok()) {
				throw DefaultSpawnClient.failure(outcome);
			}
			if (this.reply == null) {
				return null;
			}
			try {
				if (outcome.reply() != null) {
					return ActorClientFactory.this.codec.adapt(outcome.reply(), this.reply);
				}
				return outcome.response().hasValue()
						? ActorClientFactory.this.codec.decode(outcome.response().getValue(), this.reply) : null;
			}
			catch (PayloadCodec.PayloadException ex) {
				throw new ActorCallException(CallStatus.BAD_HOST_RESPONSE,
						"cannot read the reply of " + this.action + ": " + ex.getMessage(), null);
			}
		}

	}

}
