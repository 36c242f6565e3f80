package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static io.spawn.proxy.ProxyClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.StoredState;
import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Kind;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Stopping the proxy while a call is in flight: readiness goes down, new calls get 503, the call in flight
 * finishes, its state is persisted, then the proxy exits.
 */
class GracefulShutdownIntegrationTests {

	private final TestHost host = new TestHost();

	@AfterEach
	void stopHost() {
		this.host.close();
	}

	@Test
	void drainsOnShutdownFinishingCallsInFlightAndRefusingNewOnes() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SpawnProxyApplication.class,
				StateProbe.class)
			.run(
				"--server.port=0", "--spawn.proxy.host.host=127.0.0.1", "--spawn.proxy.host.port=" + this.host.port(),
				"--spawn.proxy.data-dir=" + Path.of("target", "test-data", UUID.randomUUID().toString()),
				"--spawn.proxy.runtime.snapshot-interval=1h");
		ProxyClient proxy = new ProxyClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
		ActorRuntime runtime = context.getBean(ActorRuntime.class);
		StateProbe probe = context.getBean(StateProbe.class);
		probe.watch(new ActorKey("drain", "slow"));
		proxy.register(ProxyClient.registration("drain", actor("slow", Kind.NAMED, "work"),
				actor("fast", Kind.NAMED, "work")));
		CountDownLatch release = new CountDownLatch(1);
		this.host.on("drain", "slow", "work", (invocation) -> {
			release.await(20, TimeUnit.SECONDS);
			return TestHost.setState(invocation);
		}).on("drain", "fast", "work", TestHost::echo);
		CompletableFuture<ProxyClient.Reply> inFlight = proxy.invokeAsync(call("drain", "slow", "work", "finished").build());
		await().until(() -> this.host.receivedBy("drain", "slow").size() == 1);

		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
		await().until(runtime::isDraining);
		ProxyClient.Reply refused = proxy.invoke(call("drain", "fast", "work", "too late").build());
		HttpResponse<String> readiness = proxy.getText("/actuator/health/readiness");
		boolean closedBeforeRelease = closing.isDone();
		release.countDown();
		ProxyClient.Reply finished = inFlight.get(20, TimeUnit.SECONDS);
		closing.get(30, TimeUnit.SECONDS);

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(refused.message()).contains("shutting down");
		assertThat(this.host.receivedBy("drain", "fast")).isEmpty();
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(closedBeforeRelease).isFalse();
		assertThat(finished.status()).isEqualTo(200);
		assertThat(finished.text()).isEqualTo("finished");
		// Snapshots were an hour apart: only the drain can have persisted the new state.
		assertThat(probe.stored).isNotNull();
		assertThat(probe.stored.map(StoredState::state))
			.hasValueSatisfying((state) -> assertThat(text(state.getState())).isEqualTo("finished"));
		assertThat(context.isActive()).isFalse();
	}


	/**
	 * Reads an actor's stored state while the context closes, right after the runtime drained and before the
	 * state store (and its DataSource) is shut down.
	 */
	static final class StateProbe implements SmartLifecycle {

		private final ActorStateStore store;

		private volatile @Nullable ActorKey key;

		volatile @Nullable Optional<StoredState> stored;

		private volatile boolean running;

		StateProbe(ActorStateStore store) {
			this.store = store;
		}

		void watch(ActorKey key) {
			this.key = key;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			ActorKey watched = this.key;
			if (watched != null) {
				this.stored = this.store.load(watched);
			}
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			// Stops right after the runtime's drain (DEFAULT_PHASE), before the web server.
			return SmartLifecycle.DEFAULT_PHASE - 1;
		}

	}

}
