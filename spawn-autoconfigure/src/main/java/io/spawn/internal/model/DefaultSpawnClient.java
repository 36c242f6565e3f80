package io.spawn.internal.model;

import io.spawn.actor.ActorKind;
import io.spawn.client.ActionCall;
import io.spawn.client.ActorCallException;
import io.spawn.client.ActorRef;
import io.spawn.client.ActorRefs;
import io.spawn.client.CallStatus;
import io.spawn.client.SpawnClient;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.actors.ActorId;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The typed-reference client: turns {@code ref.call(CounterActor::add, command)} into an
 * {@link InvocationRequest} for the {@link ActorInvoker}, and the outcome into the reply or an
 * {@link ActorCallException}.
 */
public final class DefaultSpawnClient implements SpawnClient {

	private final String system;

	private final Supplier<ActorModels> models;

	private final ActorInvoker invoker;

	private final PayloadCodec codec;

	private final LongSupplier clock;

	public DefaultSpawnClient(String system, Supplier<ActorModels> models, ActorInvoker invoker, PayloadCodec codec,
			LongSupplier clock) {
		this.system = system;
		this.models = models;
		this.invoker = invoker;
		this.codec = codec;
		this.clock = clock;
	}

	@Override
	public <A> ActorRefs<A> refs(Class<A> actorType) {
		return new Refs<>(actorType);
	}

	private final class Refs<A> implements ActorRefs<A> {

		private final Class<A> type;

		Refs(Class<A> type) {
			this.type = type;
		}

		@Override
		public ActorRef<A> get(String id) {
			ActorModel model = DefaultSpawnClient.this.models.get().byType(this.type);
			if (model.kind() != ActorKind.UNNAMED && !model.name().equals(id)) {
				throw new IllegalArgumentException("actor '" + model.name() + "' is " + model.kind()
						+ ": it has one instance, named '" + model.name() + "'; use get()");
			}
			if (id.isBlank()) {
				throw new IllegalArgumentException("an actor id must not be blank");
			}
			return new Ref<>(model, id, Map.of(), null, null);
		}

		@Override
		public ActorRef<A> get() {
			ActorModel model = DefaultSpawnClient.this.models.get().byType(this.type);
			if (model.kind() == ActorKind.UNNAMED) {
				throw new IllegalArgumentException(
						"actor '" + model.name() + "' is UNNAMED: name the instance with get(id)");
			}
			return new Ref<>(model, model.name(), Map.of(), null, null);
		}

	}

	private final class Ref<A> extends AbstractActorRef<A> {

		private final ActorModel model;

		private final String id;

		private final Map<String, String> metadata;

		private final @Nullable Duration timeout;

		private final @Nullable Long scheduledTo;

		Ref(ActorModel model, String id, Map<String, String> metadata, @Nullable Duration timeout,
				@Nullable Long scheduledTo) {
			this.model = model;
			this.id = id;
			this.metadata = metadata;
			this.timeout = timeout;
			this.scheduledTo = scheduledTo;
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public Ref<A> withMetadata(String key, String value) {
			Map<String, String> metadata = new LinkedHashMap<>(this.metadata);
			metadata.put(key, value);
			return new Ref<>(this.model, this.id, Map.copyOf(metadata), this.timeout, this.scheduledTo);
		}

		@Override
		public Ref<A> withTimeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive, was " + timeout);
			}
			return new Ref<>(this.model, this.id, this.metadata, timeout, this.scheduledTo);
		}

		@Override
		public Ref<A> after(Duration delay) {
			return at(DefaultSpawnClient.this.clock.getAsLong() + delay.toMillis());
		}

		@Override
		public Ref<A> at(Instant time) {
			return at(time.toEpochMilli());
		}

		private Ref<A> at(long epochMillis) {
			return new Ref<>(this.model, this.id, this.metadata, this.timeout, epochMillis);
		}

		@Override
		public void spawn() {
			if (this.model.kind() != ActorKind.UNNAMED) {
				throw new IllegalStateException("only UNNAMED actors are spawned; '" + this.model.name() + "' is "
						+ this.model.kind());
			}
			DefaultSpawnClient.this.invoker.spawn(DefaultSpawnClient.this.system, SpawnRequest.newBuilder()
				.addActors(ActorId.newBuilder()
					.setName(this.id)
					.setSystem(DefaultSpawnClient.this.system)
					.setParent(this.model.name()))
				.build());
		}

		@Override
		public void deleteState() {
			ActorInvoker.Outcome outcome = DefaultSpawnClient.this.invoker
				.deleteState(DefaultSpawnClient.this.system, this.id)
				.join();
			if (!outcome.ok()) {
				throw failure(outcome);
			}
		}

		@Override
		protected <R> ActionCall<R> select(Serializable reference, @Nullable Object command, boolean withCommand) {
			ActionModel action = this.model.action(reference);
			action.checkCommand(withCommand);
			return new Call<>(this, action, command);
		}

	}

	private final class Call<R> implements ActionCall<R> {

		private final Ref<?> ref;

		private final ActionModel action;

		private final @Nullable Object command;

		Call(Ref<?> ref, ActionModel action, @Nullable Object command) {
			this.ref = ref;
			this.action = action;
			this.command = command;
		}

		@Override
		public R call() {
			if (objects()) {
				// The caller waits anyway: in this process it may run the actor's turn itself.
				return read(DefaultSpawnClient.this.invoker.callObjects(request(false, false), this.command,
						DefaultSpawnClient.this.codec), false);
			}
			try {
				return callAsync().join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw ex;
			}
		}

		@Override
		public CompletableFuture<R> callAsync() {
			boolean delayed = this.ref.scheduledTo != null;
			ActorInvoker invoker = DefaultSpawnClient.this.invoker;
			CompletableFuture<ActorInvoker.Outcome> sent = objects()
					? invoker.invokeObjects(request(false, false), this.command, DefaultSpawnClient.this.codec)
					: invoker.invoke(request(delayed, true));
			return sent.thenApply((outcome) -> read(outcome, delayed));
		}

		/** In this process, a command that cannot change after the call goes as the object itself (docs/starter.md). */
		private boolean objects() {
			return this.ref.scheduledTo == null && DefaultSpawnClient.this.invoker.inProcess()
					&& (this.command == null || DefaultSpawnClient.this.codec.travelsAsObject(this.command));
		}

		@SuppressWarnings("unchecked")
		private @Nullable R read(ActorInvoker.Outcome outcome, boolean delayed) {
			PayloadCodec codec = DefaultSpawnClient.this.codec;
			check(outcome);
			if (delayed || this.action.replyType() == null) {
				return null;
			}
			try {
				if (outcome.reply() != null) {
					return (R) codec.adapt(outcome.reply(), this.action.replyType());
				}
				if (!outcome.response().hasValue()) {
					return null;
				}
				return (R) codec.decode(outcome.response().getValue(), this.action.replyType());
			}
			catch (PayloadCodec.PayloadException ex) {
				throw new ActorCallException(CallStatus.BAD_HOST_RESPONSE,
						"cannot read the reply of " + this.action.describe() + ": " + ex.getMessage(), null);
			}
		}

		@Override
		public void tell() {
			ActorInvoker.Outcome outcome = DefaultSpawnClient.this.invoker.invoke(request(true, true)).join();
			check(outcome);
		}

		@Override
		public ActionCall<R> withMetadata(String key, String value) {
			return new Call<>(this.ref.withMetadata(key, value), this.action, this.command);
		}

		@Override
		public ActionCall<R> withTimeout(Duration timeout) {
			return new Call<>(this.ref.withTimeout(timeout), this.action, this.command);
		}

		@Override
		public ActionCall<R> after(Duration delay) {
			return new Call<>(this.ref.after(delay), this.action, this.command);
		}

		@Override
		public ActionCall<R> at(Instant time) {
			return new Call<>(this.ref.at(time), this.action, this.command);
		}

		/** The request; with {@code encodeCommand} false, without the command, which then goes as an object. */
		private InvocationRequest request(boolean async, boolean encodeCommand) {
			ActorModel model = this.ref.model;
			return CallRequests.to(DefaultSpawnClient.this.system, this.ref.id, this.action.name())
				.template((model.kind() == ActorKind.UNNAMED) ? model.name() : null)
				.command(encodeCommand ? CallRequests.encode(DefaultSpawnClient.this.codec, this.command) : null)
				.metadata(this.ref.metadata)
				.timeout(this.ref.timeout)
				.scheduledTo(this.ref.scheduledTo)
				.async(async)
				.build();
		}

		private void check(ActorInvoker.Outcome outcome) {
			if (!outcome.ok()) {
				throw failure(outcome);
			}
		}

	}

	/**
	 * The exception a failed call's outcome stands for, with the code an actor gave {@code Effect.error}.
	 * @param outcome the failed outcome
	 * @return the exception
	 */
	public static ActorCallException failure(ActorInvoker.Outcome outcome) {
		ErrorCodes.Parsed failure = ErrorCodes.parse(outcome.response().getStatus().getMessage());
		CallStatus status = (outcome.failure() != null) ? outcome.failure() : CallStatus.ACTION_FAILED;
		return new ActorCallException(status, failure.message(), failure.code());
	}

}
