package io.spawn.proxy.grpc;

import com.google.protobuf.ByteString;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorDeactivationStrategy;
import io.spawn.protocol.actors.ActorOpts;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSnapshotStrategy;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.actors.TimeoutStrategy;
import io.spawn.proxy.config.InvalidProxyConfigurationException;
import io.spawn.proxy.http.ProtocolRequestException;
import io.spawn.proxy.http.RegistrationCustomizer;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Applies an actor contract's {@code (spawn.actors.actor)} options to the registration of the actor it names (in
 * the proxy's actor system): what the options set wins, what they leave unset (kind {@code UNKNOW_KIND},
 * {@code stateful} false, empty {@code state_type}, timeouts 0) keeps the registration's value, whose own defaults
 * apply in turn. So a timeout is never 0.
 *
 * <p>
 * A registration that carries {@code contracts} (ADR 0007) has them loaded and served first, so that their options
 * apply to the same registration; a set that cannot be loaded refuses the registration (400).
 */
final class ContractRegistrationCustomizer implements RegistrationCustomizer {

	private final String system;

	private final Supplier<List<ActorContract>> contracts;

	private final @Nullable Consumer<ByteString> registered;

	ContractRegistrationCustomizer(String system, List<ActorContract> contracts) {
		this(system, () -> contracts, null);
	}

	/**
	 * A customizer that also serves the contracts a registration carries.
	 * @param system the proxy's actor system
	 * @param contracts the contracts served, read at each registration
	 * @param registered loads the descriptor set of a registration's {@code contracts} and serves it
	 */
	ContractRegistrationCustomizer(String system, Supplier<List<ActorContract>> contracts,
			@Nullable Consumer<ByteString> registered) {
		this.system = system;
		this.contracts = contracts;
		this.registered = registered;
	}

	@Override
	public void customize(RegistrationRequest.Builder registration) {
		if (!registration.getContracts().isEmpty()) {
			ByteString contracts = registration.getContracts();
			// The runtime needs only the actors: the descriptors are served here, not kept with the registration.
			registration.clearContracts();
			if (this.registered != null) {
				try {
					this.registered.accept(contracts);
				}
				catch (InvalidProxyConfigurationException ex) {
					throw new ProtocolRequestException(400, ex.getMessage() + ". " + ex.action());
				}
			}
		}
		if (!registration.getActorSystem().getName().equals(this.system)) {
			return;
		}
		Registry.Builder registry = registration.getActorSystemBuilder().getRegistryBuilder();
		for (ActorContract contract : this.contracts.get()) {
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
