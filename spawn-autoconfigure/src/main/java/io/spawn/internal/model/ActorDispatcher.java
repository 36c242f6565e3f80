package io.spawn.internal.model;

import com.google.protobuf.Any;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.spawn.actor.ActorContext;
import io.spawn.actor.Effect;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.Context;
import io.spawn.protocol.Forward;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.Noop;
import io.spawn.protocol.Pipe;
import io.spawn.protocol.SideEffect;
import io.spawn.protocol.Workflow;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link ActorInvocation} on its {@code @Actor} bean: decodes the state and command for the method's
 * parameter types, calls the method, and turns what it returns into an {@link ActorInvocationResponse}. The same
 * dispatcher serves the in-process host of embedded mode and the HTTP host endpoint of sidecar mode.
 */
public final class ActorDispatcher {

	private final ActorModels models;

	private final PayloadCodec codec;

	private final LongSupplier clock;

	private final ObservationRegistry observations;

	public ActorDispatcher(ActorModels models, PayloadCodec codec, LongSupplier clock) {
		this(models, codec, clock, ObservationRegistry.NOOP);
	}

	public ActorDispatcher(ActorModels models, PayloadCodec codec, LongSupplier clock,
			ObservationRegistry observations) {
		this.models = models;
		this.codec = codec;
		this.clock = clock;
		this.observations = observations;
	}

	/**
	 * Runs the action.
	 * @param invocation the invocation
	 * @return the response
	 * @throws ActionFailedException when the action fails, with the message for the caller
	 */
	public ActorInvocationResponse dispatch(ActorInvocation invocation) {
		return dispatch(invocation, null, null, false, false).response();
	}

	/**
	 * Runs the action with the state and command given as objects where the caller has them, answering the new
	 * state and the reply as objects where they may travel so ({@link PayloadCodec#travelsAsObject}).
	 * @param invocation the invocation; without state or value where those are given as objects
	 * @param localState the current state as an object, or {@code null}
	 * @param localCommand the command as an object, or {@code null}
	 * @param replyAsObject whether the caller takes the reply as an object
	 * @return the answer
	 * @throws ActionFailedException when the action fails, with the message for the caller
	 */
	public Answer dispatchObjects(ActorInvocation invocation, @Nullable Object localState,
			@Nullable Object localCommand, boolean replyAsObject) {
		return dispatch(invocation, localState, localCommand, true, replyAsObject);
	}

	private Answer dispatch(ActorInvocation invocation, @Nullable Object localState, @Nullable Object localCommand,
			boolean objects, boolean replyAsObject) {
		Turn turn = new Turn(invocation, localState, localCommand, objects, replyAsObject);
		if (this.observations.isNoop()) {
			return run(turn);
		}
		ActorId self = invocation.getActor();
		Observation observation = Observation
			.createNotStarted("spawn.action", this.observations)
			.contextualName((self.getParent().isEmpty() ? self.getName() : self.getParent()) + " "
					+ invocation.getActionName())
			.lowCardinalityKeyValue("actor", self.getParent().isEmpty() ? self.getName() : self.getParent())
			.lowCardinalityKeyValue("action", invocation.getActionName())
			.highCardinalityKeyValue("traceparent",
					invocation.getCurrentContext().getMetadataOrDefault("traceparent", "none"));
		return observation.observe(() -> run(turn));
	}

	private Answer run(Turn turn) {
		ActorInvocation invocation = turn.invocation;
		ActorId self = invocation.getActor();
		String definition = self.getParent().isEmpty() ? self.getName() : self.getParent();
		ActorModel model = this.models.byName(definition);
		if (model == null) {
			throw new ActionFailedException("no actor '" + definition + "' in this application");
		}
		ActionModel action = model.actions().get(invocation.getActionName());
		if (action == null) {
			throw new ActionFailedException(
					"action '" + invocation.getActionName() + "' not found on actor '" + self.getName() + "'");
		}
		Context context = invocation.getCurrentContext();
		Object state = null;
		if (model.stateType() != null) {
			state = (turn.localState != null) ? adapt(turn.localState, model.stateType(), "state of " + self.getName())
					: decode(context.hasState() ? context.getState() : null, model.stateType(),
							"state of " + self.getName());
			if (state == null && model.initialState() != null) {
				state = model.initialState().get();
			}
		}
		Object command = null;
		if (action.commandType() != null && turn.localCommand != null) {
			command = adapt(turn.localCommand, action.commandType(), "command of " + action.describe());
		}
		else if (action.commandType() != null && invocation.hasValue()) {
			command = decode(invocation.getValue(), action.commandType(), "command of " + action.describe());
		}
		Object[] arguments = new Object[action.parameters().size()];
		InvocationContext actorContext = new InvocationContext(self, invocation, state);
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = switch (action.parameters().get(i)) {
				case STATE -> state;
				case CONTEXT -> actorContext;
				case COMMAND -> command;
			};
		}
		Object result = invoke(model, action, arguments, self, context.getMetadataOrDefault("traceparent", null));
		return respond(model, action, self, result, turn);
	}

	private @Nullable Object adapt(Object value, java.lang.reflect.Type type, String what) {
		try {
			return this.codec.adapt(value, type);
		}
		catch (PayloadCodec.PayloadException ex) {
			throw new ActionFailedException("cannot read the " + what + ": " + ex.getMessage(), ex);
		}
	}

	private @Nullable Object decode(@Nullable Any payload, java.lang.reflect.Type type, String what) {
		try {
			return this.codec.decode(payload, type);
		}
		catch (PayloadCodec.PayloadException ex) {
			throw new ActionFailedException("cannot read the " + what + ": " + ex.getMessage(), ex);
		}
	}

	private Object invoke(ActorModel model, ActionModel action, Object[] arguments, ActorId self,
			@Nullable String traceparent) {
		CurrentActor.Frame previous = CurrentActor.enter(new CurrentActor.Frame(self, traceparent));
		try {
			return action.method().invoke(model.bean().get(), arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName();
			throw new ActionFailedException(message, cause);
		}
		catch (IllegalAccessException | IllegalArgumentException ex) {
			throw new ActionFailedException("cannot call " + action.describe() + ": " + ex.getMessage(), ex);
		}
		finally {
			CurrentActor.restore(previous);
		}
	}

	private Answer respond(ActorModel model, ActionModel action, ActorId self, @Nullable Object result, Turn turn) {
		ActorInvocationResponse.Builder response = ActorInvocationResponse.newBuilder()
			.setActorName(self.getName())
			.setActorSystem(self.getSystem());
		if (!(result instanceof Effect<?, ?> effect)) {
			boolean initReturnsState = action == model.onActivate() && result != null && model.stateType() != null
					&& model.stateType().isInstance(result);
			if (initReturnsState) {
				Object newState = newState(response, result, turn);
				return new Answer(response.setNoop(Noop.getDefaultInstance()).build(), newState, null);
			}
			Object reply = reply(response, result, turn);
			return new Answer(response.build(), null, reply);
		}
		if (effect.failure() != null) {
			throw new ActionFailedException(ErrorCodes.encode(effect.failure().code(), effect.failure().message()));
		}
		Object newState = null;
		if (effect.updatesState()) {
			if (effect.state() == null) {
				throw new ActionFailedException(action.describe() + " updated the state to null");
			}
			// Always sent, even for the same object: it may have been changed in place. The runtime writes it only
			// if its bytes (or, for an immutable object, its value) differ from the current state.
			newState = newState(response, effect.state(), turn);
		}
		Object reply = reply(response, effect.replies() ? effect.reply() : null, turn);
		response.setCheckpoint(effect.isCheckpoint());
		Workflow.Builder workflow = Workflow.newBuilder();
		for (Effect.SideEffect sideEffect : effect.sideEffects()) {
			InvocationRequest.Builder request = request(self, sideEffect.actor(), sideEffect.action(),
					encode(sideEffect.command()))
				.setAsync(true);
			if (sideEffect.delay() != null) {
				request.setScheduledTo(this.clock.getAsLong() + sideEffect.delay().toMillis());
			}
			workflow.addEffects(SideEffect.newBuilder().setRequest(request));
		}
		if (effect.broadcast() != null) {
			Broadcast.Builder broadcast = Broadcast.newBuilder().setChannelGroup(effect.broadcast().channel());
			Any message = encode(effect.broadcast().message());
			if (message != null) {
				broadcast.setValue(message);
			}
			else {
				broadcast.setNoop(Noop.getDefaultInstance());
			}
			workflow.setBroadcast(broadcast);
		}
		if (effect.route() != null) {
			Target target = Target.parse(effect.route().actor());
			if (effect.route().pipe()) {
				workflow.setPipe(Pipe.newBuilder().setActor(target.name).setActionName(effect.route().action())
					.setRegisterRef(target.template));
			}
			else {
				workflow.setForward(Forward.newBuilder().setActor(target.name).setActionName(effect.route().action())
					.setRegisterRef(target.template));
			}
		}
		Workflow built = workflow.build();
		if (!built.equals(Workflow.getDefaultInstance())) {
			response.setWorkflow(built);
		}
		return new Answer(response.build(), newState, reply);
	}

	/** The new state: as the object itself where it may travel so, else encoded into the response. */
	private @Nullable Object newState(ActorInvocationResponse.Builder response, Object state, Turn turn) {
		if (turn.objects && this.codec.travelsAsObject(state)) {
			return state;
		}
		response.setUpdatedContext(Context.newBuilder().setState(encode(state)));
		return null;
	}

	private InvocationRequest.Builder request(ActorId self, String actor, String action, @Nullable Any payload) {
		Target target = Target.parse(actor);
		InvocationRequest.Builder request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(self.getSystem()))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(self.getSystem()).setName(target.name)))
			.setActionName(action)
			.setRegisterRef(target.template)
			.setCaller(self);
		if (payload != null) {
			request.setValue(payload);
		}
		else {
			request.setNoop(Noop.getDefaultInstance());
		}
		return request;
	}

	/** The reply: the object itself where the caller takes it so, else encoded into the response. */
	private @Nullable Object reply(ActorInvocationResponse.Builder response, @Nullable Object reply, Turn turn) {
		if (turn.replyAsObject && this.codec.travelsAsObject(reply)) {
			return reply;
		}
		Any encoded = encode(reply);
		if (encoded != null) {
			response.setValue(encoded);
		}
		else {
			response.setNoop(Noop.getDefaultInstance());
		}
		return null;
	}

	/**
	 * What an action answered.
	 * @param response the response; without the new state when {@code state} holds it, without the value when
	 * {@code reply} holds it
	 * @param state the new state as an object, or {@code null}
	 * @param reply the reply as an object, or {@code null}
	 */
	public record Answer(ActorInvocationResponse response, @Nullable Object state, @Nullable Object reply) {
	}

	private record Turn(ActorInvocation invocation, @Nullable Object localState, @Nullable Object localCommand,
			boolean objects, boolean replyAsObject) {
	}

	private @Nullable Any encode(@Nullable Object value) {
		try {
			return this.codec.encode(value);
		}
		catch (PayloadCodec.PayloadException ex) {
			throw new ActionFailedException(ex.getMessage(), ex);
		}
	}

	/**
	 * An actor named in an effect: {@code name}, or {@code template:instance} for an instance of an UNNAMED actor.
	 */
	private record Target(String template, String name) {

		static Target parse(String actor) {
			int colon = actor.indexOf(':');
			return (colon > 0) ? new Target(actor.substring(0, colon), actor.substring(colon + 1)) : new Target("", actor);
		}

	}

	private record InvocationContext(ActorId id, ActorInvocation invocation, @Nullable Object currentState)
			implements ActorContext<Object> {

		@Override
		public String self() {
			return this.id.getName();
		}

		@Override
		public String system() {
			return this.id.getSystem();
		}

		@Override
		public Optional<String> caller() {
			return this.invocation.hasCaller() && !this.invocation.getCaller().getName().isEmpty()
					? Optional.of(this.invocation.getCaller().getName()) : Optional.empty();
		}

		@Override
		public Map<String, String> metadata() {
			return this.invocation.getCurrentContext().getMetadataMap();
		}

		@Override
		public Map<String, String> tags() {
			return this.invocation.getCurrentContext().getTagsMap();
		}

		@Override
		public Object state() {
			if (this.currentState == null) {
				throw new IllegalStateException("actor '" + this.id.getName() + "' is stateless");
			}
			return this.currentState;
		}

	}

}
