package io.spawn.proxy.grpc;

import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorDeactivationStrategy;
import io.spawn.protocol.actors.ActorOpts;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSnapshotStrategy;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.actors.TimeoutStrategy;
import io.spawn.proxy.http.RegistrationCustomizer;
import java.util.List;

/**
 * Applies an actor contract's {@code (spawn.actors.actor)} options to the registration of the actor it names (in
 * the proxy's actor system): what the options set wins, what they leave unset (kind {@code UNKNOW_KIND},
 * {@code stateful} false, empty {@code state_type}, timeouts 0) keeps the registration's value, whose own defaults
 * apply in turn. So a timeout is never 0.
 */
final class ContractRegistrationCustomizer implements RegistrationCustomizer {

	private final String system;

	private final List<ActorContract> contracts;

	ContractRegistrationCustomizer(String system, List<ActorContract> contracts) {
		this.system = system;
		this.contracts = contracts;
	}

	@Override
	public void customize(RegistrationRequest.Builder registration) {
		if (!registration.getActorSystem().getName().equals(this.system)) {
			return;
		}
		Registry.Builder registry = registration.getActorSystemBuilder().getRegistryBuilder();
		for (ActorContract contract : this.contracts) {
			Actor actor = registry.getActorsMap().get(contract.actorName());
			if (actor != null) {
				registry.putActors(contract.actorName(), apply(actor, contract.options()));
			}
		}
	}

	static Actor apply(Actor actor, ActorOpts options) {
		Actor.Builder builder = actor.toBuilder();
		ActorSettings.Builder settings = builder.getSettingsBuilder();
		if (options.getKind() != Kind.UNKNOW_KIND) {
			settings.setKind(options.getKind());
		}
		if (options.getStateful()) {
			settings.setStateful(true);
		}
		if (!options.getStateType().isEmpty()) {
			settings.setStateType(options.getStateType());
		}
		if (options.getDeactivateTimeout() > 0) {
			settings.setDeactivationStrategy(ActorDeactivationStrategy.newBuilder()
				.setTimeout(TimeoutStrategy.newBuilder().setTimeout(options.getDeactivateTimeout())));
		}
		if (options.getSnapshotInterval() > 0) {
			settings.setSnapshotStrategy(ActorSnapshotStrategy.newBuilder()
				.setTimeout(TimeoutStrategy.newBuilder().setTimeout(options.getSnapshotInterval())));
		}
		return builder.build();
	}

}
