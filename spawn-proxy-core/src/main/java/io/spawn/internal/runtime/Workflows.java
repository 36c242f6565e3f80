package io.spawn.internal.runtime;

import com.google.protobuf.Any;
import io.spawn.internal.cluster.PeerClient;
import io.spawn.internal.host.LocalValue;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.Noop;
import io.spawn.protocol.SideEffect;
import io.spawn.protocol.Workflow;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * What happens after an action answered: the reply (directly, or through a pipe or forward target), then side
 * effects and the broadcast, so that they never delay the reply. Delayed side effects are stored before the
 * caller hears back.
 */
final class Workflows {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(Workflows.class));

	private final RuntimeClock clock;

	private final Completion completion;

	private final Registrations registrations;

	private final ActorDirectory directory;

	private final PeerClient peers;

	private @Nullable CallDispatcher dispatcher;

	Workflows(RuntimeClock clock, Completion completion, Registrations registrations, ActorDirectory directory,
			PeerClient peers) {
		this.clock = clock;
		this.completion = completion;
		this.registrations = registrations;
		this.directory = directory;
		this.peers = peers;
	}

	void bind(CallDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	private CallDispatcher dispatcher() {
		CallDispatcher dispatcher = this.dispatcher;
		if (dispatcher == null) {
			throw new IllegalStateException("workflows are not bound to a dispatcher");
		}
		return dispatcher;
	}

	/**
	 * Finishes a turn: stores delayed side effects, pipes or forwards, or replies, then runs the other effects.
	 * @param localReply the reply as an object, or null when the response carries it
	 */
	void completeTurn(ActorId self, Envelope.Call call, ActorInvocationResponse response,
			@Nullable LocalValue localReply) {
		Workflow workflow = response.getWorkflow();
		Any output = response.hasValue() ? response.getValue() : null;
		InvocationRequest request = call.request;
		long now = this.clock.millis();
		List<SideEffect> immediate = new ArrayList<>();
		for (SideEffect effect : workflow.getEffectsList()) {
			if (effect.getRequest().getScheduledTo() > now) {
				InvocationResult stored = sideEffect(self, request, effect.getRequest()).join();
				if (!stored.ok()) {
					this.completion.fail(call, new SpawnException(InvocationStatus.UNAVAILABLE,
							"the delayed side effect " + effect.getRequest().getActionName() + " could not be stored: "
									+ stored.message()));
					return;
				}
			}
			else {
				immediate.add(effect);
			}
		}
		if (workflow.hasPipe()) {
			route(self, call, workflow.getPipe().getActor(), workflow.getPipe().getActionName(),
					workflow.getPipe().getRegisterRef(), (localReply != null) ? localReply.encoded() : output);
		}
		else if (workflow.hasForward()) {
			route(self, call, workflow.getForward().getActor(), workflow.getForward().getActionName(),
					workflow.getForward().getRegisterRef(), call.encodedCommand());
		}
		else {
			this.completion.reply(call, self, output, localReply);
		}
		for (SideEffect effect : immediate) {
			sideEffect(self, request, effect.getRequest()).thenAccept((result) -> {
				if (!result.ok()) {
					logger.warn(() -> "Side effect " + effect.getRequest().getActionName() + " of actor '"
							+ self.getName() + "' was refused: " + result.message());
				}
			});
		}
		if (workflow.hasBroadcast()) {
			broadcast(self, request, workflow.getBroadcast());
		}
	}

	/** Pipe or forward: the caller gets the other actor's reply; the call keeps its own deadline. */
	private void route(ActorId self, Envelope.Call call, String actor, String action, String registerRef,
			@Nullable Any input) {
		if (actor.isBlank() || action.isBlank()) {
			this.completion.fail(call, new SpawnException(InvocationStatus.BAD_HOST_RESPONSE,
					"pipe or forward of actor '" + self.getName() + "' names no actor or action"));
			return;
		}
		InvocationRequest.Builder next = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(self.getSystem()))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(self.getSystem()).setName(actor)))
			.setActionName(action)
			.setCaller(self)
			.putAllMetadata(call.request.getMetadataMap())
			.setRegisterRef(registerRef)
			.setAsync(call.async());
		if (input != null) {
			next.setValue(input);
		}
		else {
			next.setNoop(Noop.getDefaultInstance());
		}
		dispatcher().submitInternal(next.build(), call.deadlineMillis).whenComplete((result, error) -> {
			if (call.async()) {
				if (result != null && !result.ok()) {
					logger.warn(() -> "Async " + action + " routed from '" + self.getName() + "' to '" + actor
							+ "' failed: " + result.message());
				}
				this.completion.complete(call, Completion.accepted(self));
				return;
			}
			this.completion.complete(call, (result != null) ? result
					: InvocationResult.failure(InvocationStatus.UNAVAILABLE, String.valueOf(error), self));
		});
	}

	private CompletableFuture<InvocationResult> sideEffect(ActorId self, InvocationRequest original,
			InvocationRequest effect) {
		InvocationRequest.Builder request = effect.toBuilder().setAsync(true);
		if (request.getSystem().getName().isEmpty()) {
			request.setSystem(ActorSystem.newBuilder().setName(self.getSystem()));
		}
		if (!request.hasCaller()) {
			request.setCaller(self);
		}
		Map<String, String> metadata = new LinkedHashMap<>(original.getMetadataMap());
		metadata.remove(ActorRuntime.REQUEST_TIMEOUT);
		metadata.putAll(effect.getMetadataMap());
		request.clearMetadata().putAllMetadata(metadata);
		if (!request.hasValue() && !request.hasNoop()) {
			request.setNoop(Noop.getDefaultInstance());
		}
		return dispatcher().submitInternal(request.build(), Long.MAX_VALUE);
	}

	/**
	 * Delivers a broadcast once to each subscriber: NAMED subscribers through their owner, unnamed instances
	 * where they are active (here, and on every other member through the peers).
	 */
	private void broadcast(ActorId self, InvocationRequest original, Broadcast broadcast) {
		ActorSystemRegistry registry = this.registrations.system(self.getSystem());
		if (registry == null || broadcast.getChannelGroup().isEmpty()) {
			return;
		}
		Map<String, String> metadata = new LinkedHashMap<>(original.getMetadataMap());
		metadata.remove(ActorRuntime.REQUEST_TIMEOUT);
		boolean unnamed = false;
		for (ActorDefinition definition : registry.definitions().values()) {
			String action = definition.subscription(broadcast.getChannelGroup());
			if (action == null) {
				continue;
			}
			if (definition.kind == Kind.UNNAMED) {
				unnamed = true;
			}
			else {
				deliver(self, metadata, broadcast,
						ActorId.newBuilder().setSystem(registry.name).setName(definition.name).build(), action);
			}
		}
		if (unnamed) {
			deliverToActiveInstances(self.getSystem(), broadcast, self, metadata);
			this.peers.broadcast(self.getSystem(), broadcast, self, metadata);
		}
	}

	/**
	 * Delivers a broadcast to the subscribed unnamed instances active on this member; a peer's broadcast arrives
	 * here.
	 */
	void deliverToActiveInstances(String system, Broadcast broadcast, ActorId caller, Map<String, String> metadata) {
		ActorSystemRegistry registry = this.registrations.system(system);
		if (registry == null || broadcast.getChannelGroup().isEmpty()) {
			return;
		}
		for (ActorDefinition definition : registry.definitions().values()) {
			String action = definition.subscription(broadcast.getChannelGroup());
			if (action == null || definition.kind != Kind.UNNAMED) {
				continue;
			}
			for (Activation activation : this.directory.snapshot()) {
				if (activation.system == registry && activation.definitionName.equals(definition.name)) {
					deliver(caller, metadata, broadcast, activation.id, action);
				}
			}
		}
	}

	private void deliver(ActorId self, Map<String, String> metadata, Broadcast broadcast, ActorId subscriber,
			String action) {
		InvocationRequest.Builder request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(subscriber.getSystem()))
			.setActor(Actor.newBuilder().setId(subscriber))
			.setActionName(action)
			.setAsync(true)
			.setCaller(self)
			.setRegisterRef(subscriber.getParent())
			.putAllMetadata(metadata);
		if (broadcast.hasValue()) {
			request.setValue(broadcast.getValue());
		}
		else {
			request.setNoop(Noop.getDefaultInstance());
		}
		dispatcher().submitInternal(request.build(), Long.MAX_VALUE).thenAccept((result) -> {
			if (!result.ok()) {
				logger.warn(() -> "Broadcast on '" + broadcast.getChannelGroup() + "' to '" + subscriber.getName()
						+ "' was refused: " + result.message());
			}
		});
	}

}
