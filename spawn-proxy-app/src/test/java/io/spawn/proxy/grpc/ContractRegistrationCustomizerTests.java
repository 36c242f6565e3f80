package io.spawn.proxy.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSnapshotStrategy;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.ExtensionsProto;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.actors.TimeoutStrategy;
import io.spawn.proxy.grpc.contract.AccountOuterClass;
import io.spawn.proxy.grpc.contract.GreeterOuterClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A contract's actor options win over the registration of its actor; what they leave unset stays as registered.
 */
class ContractRegistrationCustomizerTests {

	private final ContractRegistrationCustomizer customizer = new ContractRegistrationCustomizer("bank",
			List.of(contract(AccountOuterClass.getDescriptor().findServiceByName("Account")),
					contract(GreeterOuterClass.getDescriptor().findServiceByName("Greeter"))));

	@Test
	void setOptionsOverrideTheRegistrationAndUnsetOnesKeepIt() {
		RegistrationRequest.Builder registration = registration("bank",
				actor("Account", ActorSettings.newBuilder().setKind(Kind.UNKNOW_KIND).setSnapshotStrategy(snapshot(500))),
				actor("Greeter", ActorSettings.newBuilder().setKind(Kind.NAMED).setStateful(true)),
				actor("Other", ActorSettings.newBuilder().setKind(Kind.POOLED)));

		this.customizer.customize(registration);

		ActorSettings account = settings(registration, "Account");
		assertThat(account.getKind()).isEqualTo(Kind.UNNAMED);
		assertThat(account.getStateful()).isTrue();
		assertThat(account.getStateType()).isEqualTo(".spawn.proxytest.AccountState");
		assertThat(account.getDeactivationStrategy().getTimeout().getTimeout()).isEqualTo(30_000);
		assertThat(account.getSnapshotStrategy().getTimeout().getTimeout()).isEqualTo(500);
		ActorSettings greeter = settings(registration, "Greeter");
		assertThat(greeter.getStateful()).isTrue();
		assertThat(greeter.hasDeactivationStrategy()).isFalse();
		assertThat(settings(registration, "Other").getKind()).isEqualTo(Kind.POOLED);
	}

	@Test
	void registrationsOfOtherSystemsAreLeftAlone() {
		RegistrationRequest.Builder registration = registration("elsewhere",
				actor("Account", ActorSettings.newBuilder().setKind(Kind.NAMED)));

		this.customizer.customize(registration);

		assertThat(settings(registration, "Account").getKind()).isEqualTo(Kind.NAMED);
	}

	private static ActorContract contract(com.google.protobuf.Descriptors.ServiceDescriptor service) {
		return new ActorContract(service, service.getOptions().getExtension(ExtensionsProto.actor));
	}

	private static ActorSnapshotStrategy snapshot(long millis) {
		return ActorSnapshotStrategy.newBuilder().setTimeout(TimeoutStrategy.newBuilder().setTimeout(millis)).build();
	}

	private static Actor actor(String name, ActorSettings.Builder settings) {
		return Actor.newBuilder().setId(ActorId.newBuilder().setName(name)).setSettings(settings).build();
	}

	private static RegistrationRequest.Builder registration(String system, Actor... actors) {
		Registry.Builder registry = Registry.newBuilder();
		for (Actor actor : actors) {
			registry.putActors(actor.getId().getName(), actor);
		}
		return RegistrationRequest.newBuilder().setActorSystem(ActorSystem.newBuilder().setName(system).setRegistry(registry));
	}

	private static ActorSettings settings(RegistrationRequest.Builder registration, String actor) {
		return registration.getActorSystem().getRegistry().getActorsOrThrow(actor).getSettings();
	}

}
