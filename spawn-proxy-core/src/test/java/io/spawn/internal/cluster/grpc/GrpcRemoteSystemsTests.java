package io.spawn.internal.cluster.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.internal.cluster.PeerClient;
import io.spawn.internal.placement.ActorPlacement;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Registry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls between actor systems: a runtime of system {@code caller} calls actor {@code a} of system {@code sys}, whose
 * two members run behind real peer servers; it is not registered in the calling runtime.
 */
class GrpcRemoteSystemsTests {

	private final PeerServerFixture first = new PeerServerFixture(null);

	private final PeerServerFixture second = new PeerServerFixture(null);

	private final SystemRuntimeClock clock = new SystemRuntimeClock();

	private final ActorRuntime caller = new ActorRuntime((invocation, timeout) -> ActorInvocationResponse.getDefaultInstance(),
			new InMemoryActorStateStore(), new InMemoryInvocationScheduler(this.clock), this.clock,
			RuntimeSettings.defaults(), RuntimeObserver.NONE, "test", "0", ActorPlacement.singleNode("c1"),
			PeerClient.NONE);

	private GrpcRemoteSystems remote;

	GrpcRemoteSystemsTests() {
		this.caller.register(RegistrationRequest.newBuilder()
			.setActorSystem(ActorSystem.newBuilder().setName("caller").setRegistry(Registry.getDefaultInstance()))
			.build());
	}

	@AfterEach
	void close() {
		if (this.remote != null) {
			this.remote.close();
		}
		this.caller.shutdown(Duration.ofSeconds(5));
		this.clock.close();
		this.first.close();
		this.second.close();
	}

	private void connect(List<String> addresses) {
		this.remote = new GrpcRemoteSystems("c1", Map.of("sys", addresses), null);
		this.caller.connectSystems(this.remote);
	}

	private static String address(PeerServerFixture member) {
		return "127.0.0.1:" + member.server.port();
	}

	@Test
	void aCallToAnotherSystemRunsOnOneOfItsMembersAndTurnsGoRoundThem() {
		connect(List.of(address(this.first), address(this.second)));
		for (int i = 0; i < 4; i++) {
			InvocationResult result = this.caller.invoke(PeerServerFixture.call("sys", "a"));
			assertThat(result.status()).as(result.message()).isEqualTo(InvocationStatus.OK);
			assertThat(result.response().getValue().getValue()).isNotEmpty();
		}
		assertThat(this.first.hostCalls.get() + this.second.hostCalls.get()).isEqualTo(4);
		assertThat(this.first.hostCalls).hasPositiveValue();
		assertThat(this.second.hostCalls).hasPositiveValue();
	}

	@Test
	void aMemberThatCannotBeReachedIsSkippedAndTheCallRunsOnAnother() throws IOException {
		connect(List.of("127.0.0.1:" + freePort(), address(this.second)));
		for (int i = 0; i < 3; i++) {
			InvocationResult result = this.caller.invoke(PeerServerFixture.call("sys", "a"));
			assertThat(result.status()).as(result.message()).isEqualTo(InvocationStatus.OK);
		}
		assertThat(this.second.hostCalls).hasValue(3);
	}

	@Test
	void aSystemNoMemberOfWhichAnswersIsUnavailableAndNamesTheAddresses() throws IOException {
		String gone = "127.0.0.1:" + freePort();
		connect(List.of(gone));
		InvocationResult result = this.caller.invoke(PeerServerFixture.call("sys", "a"));
		assertThat(result.status()).isEqualTo(InvocationStatus.UNAVAILABLE);
		assertThat(result.message()).contains("actor system 'sys' could not be reached").contains(gone)
			.contains("not sent");
	}

	@Test
	void aSystemNeitherRegisteredNorConfiguredIsNotFoundAndNothingRuns() {
		connect(List.of(address(this.first)));
		InvocationResult result = this.caller.invoke(PeerServerFixture.call("elsewhere", "a"));
		assertThat(result.status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
		assertThat(result.message()).contains("no actor system 'elsewhere'");
		assertThat(this.first.hostCalls).hasValue(0);
	}

	@Test
	void anAsyncCallToAnotherSystemIsAcceptedAndRunsThere() throws InterruptedException {
		connect(List.of(address(this.first)));
		InvocationRequest async = PeerServerFixture.call("sys", "a").toBuilder().setAsync(true).build();
		assertThat(this.caller.invoke(async).status()).isEqualTo(InvocationStatus.OK);
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.first.hostCalls.get() == 0 && System.nanoTime() < until) {
			Thread.sleep(10);
		}
		assertThat(this.first.hostCalls).hasValue(1);
	}

	@Test
	void aSystemWithoutAddressesIsAConfigurationError() {
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> new GrpcRemoteSystems("c1", Map.of("sys", List.of()), null))
			.withMessageContaining("actor system 'sys' has no peer addresses");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
