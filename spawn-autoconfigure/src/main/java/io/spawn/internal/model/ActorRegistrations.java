package io.spawn.internal.model;

import com.google.protobuf.ByteString;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.ServiceInfo;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorDeactivationStrategy;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSnapshotStrategy;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Channel;
import io.spawn.protocol.actors.FixedTimerAction;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Metadata;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.actors.TimeoutStrategy;
import java.time.Duration;
import java.util.Map;

/**
 * Turns the application's actor models into the protocol's {@link RegistrationRequest}, the same message a Spawn
 * SDK sends to its proxy.
 */
public final class ActorRegistrations {

	/** Actor tag that asks the runtime to commit every state change before replying. */
	public static final String WRITE_THROUGH_TAG = "spawn.write-through";

	private ActorRegistrations() {
	}

	public static RegistrationRequest of(String system, ActorModels models, String serviceName) {
		return of(system, models, serviceName, ByteString.EMPTY);
	}

	/**
	 * The registration of the application's actors, with its actor contracts.
	 * @param system the actor system
	 * @param models the actors
	 * @param serviceName the application's name
	 * @param contracts a serialized {@code FileDescriptorSet} of the actor contracts, or empty
	 * @return the registration
	 */
	public static RegistrationRequest of(String system, ActorModels models, String serviceName, ByteString contracts) {
		Registry.Builder registry = Registry.newBuilder();
		for (ActorModel model : models.all()) {
			registry.putActors(model.name(), actor(system, model));
		}
		return RegistrationRequest.newBuilder()
			.setServiceInfo(ServiceInfo.newBuilder()
				.setServiceName(serviceName)
				.setServiceVersion("0.1.0")
				.setServiceRuntime("java " + Runtime.version().feature())
				.setSupportLibraryName("spawn-java")
				.setSupportLibraryVersion("0.1.0")
				.setProtocolMajorVersion(1)
				.setProtocolMinorVersion(2))
			.setActorSystem(ActorSystem.newBuilder().setName(system).setRegistry(registry))
			.setContracts(contracts)
			.build();
	}

	static Actor actor(String system, ActorModel model) {
		ActorSettings.Builder settings = ActorSettings.newBuilder()
			.setKind(switch (model.kind()) {
				case NAMED -> Kind.NAMED;
				case UNNAMED -> Kind.UNNAMED;
				case POOLED -> Kind.POOLED;
			})
			.setStateful(model.stateful())
			.setMinPoolSize(model.minPoolSize())
			.setMaxPoolSize(model.maxPoolSize());
		if (model.idleTimeout() != null) {
			settings.setDeactivationStrategy(
					ActorDeactivationStrategy.newBuilder().setTimeout(timeout(model.idleTimeout())));
		}
		if (model.snapshotInterval() != null) {
			settings.setSnapshotStrategy(ActorSnapshotStrategy.newBuilder().setTimeout(timeout(model.snapshotInterval())));
		}
		if (model.stateType() != null) {
			settings.setStateType(model.stateType().getName());
		}
		Actor.Builder actor = Actor.newBuilder()
			.setId(ActorId.newBuilder().setName(model.name()).setSystem(system))
			.setSettings(settings);
		for (String action : model.actionNames()) {
			actor.addActions(Action.newBuilder().setName(action));
		}
		for (Map.Entry<String, Duration> timer : model.timers().entrySet()) {
			// FixedTimerAction.seconds carries milliseconds on the wire, as upstream proxies read it.
			actor.addTimerActions(FixedTimerAction.newBuilder()
				.setSeconds((int) Math.min(Integer.MAX_VALUE, timer.getValue().toMillis()))
				.setAction(Action.newBuilder().setName(timer.getKey())));
		}
		Metadata.Builder metadata = Metadata.newBuilder().putAllTags(model.tags());
		if (model.writeThrough()) {
			metadata.putTags(WRITE_THROUGH_TAG, "true");
		}
		for (Map.Entry<String, String> subscription : model.subscriptions().entrySet()) {
			metadata.addChannelGroup(
					Channel.newBuilder().setTopic(subscription.getKey()).setAction(subscription.getValue()));
		}
		return actor.setMetadata(metadata).build();
	}

	private static TimeoutStrategy timeout(Duration duration) {
		return TimeoutStrategy.newBuilder().setTimeout(duration.toMillis()).build();
	}

}
