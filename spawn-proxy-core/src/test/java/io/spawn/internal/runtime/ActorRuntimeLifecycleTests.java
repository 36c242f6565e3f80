package io.spawn.internal.runtime;

import static io.spawn.internal.runtime.RuntimeFixture.SYSTEM;
import static io.spawn.internal.runtime.RuntimeFixture.actor;
import static io.spawn.internal.runtime.RuntimeFixture.idle;
import static io.spawn.internal.runtime.RuntimeFixture.named;
import static io.spawn.internal.runtime.RuntimeFixture.request;
import static io.spawn.internal.runtime.RuntimeFixture.snapshot;
import static io.spawn.internal.runtime.RuntimeFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.internal.host.HostException;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.state.StoredState;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActorRuntimeLifecycleTests {

	private final RuntimeFixture fixture = new RuntimeFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private long stored(String actor) {
		return this.fixture.store.load(new ActorKey(SYSTEM, actor))
			.map((s) -> ScriptedHost.number(s.state().getState()))
			.orElse(-1L);
	}

	private long revision(String actor) {
		return this.fixture.store.load(new ActorKey(SYSTEM, actor)).map(StoredState::revision).orElse(0L);
	}

	@Test
	void actorCalledEveryHalfItsIdleTimeoutIsNeverPassivated() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(idle(named("counter", "add"), 1_000));
		this.fixture.call("counter", "add", 1);

		for (int i = 0; i < 20; i++) {
			this.fixture.advance(Duration.ofMillis(500));
			assertThat(this.fixture.call("counter", "add", 1).ok()).isTrue();
		}
		assertThat(this.fixture.runtime.isActive(SYSTEM, "counter")).isTrue();
		assertThat(this.fixture.observer.activations).hasValue(1);
		assertThat(this.fixture.observer.passivations).hasValue(0);
	}

	@Test
	void actorLeftIdleIsPassivatedAfterItsTimeoutAndNotBefore() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(idle(named("counter", "add"), 1_000));
		this.fixture.call("counter", "add", 1);

		this.fixture.advance(Duration.ofMillis(999));
		assertThat(this.fixture.runtime.isActive(SYSTEM, "counter")).isTrue();
		this.fixture.advance(Duration.ofMillis(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fixture.runtime.isActive(SYSTEM, "counter"));
		assertThat(this.fixture.observer.passivations).hasValue(1);
		assertThat(this.fixture.runtime.activeActors()).isZero();
	}

	@Test
	void unsetTimeoutsUseTheDefaultsAndNeverZero() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));
		this.fixture.call("counter", "add", 3);

		this.fixture.advance(Duration.ofMillis(1_999));
		assertThat(revision("counter")).as("snapshot not before 2 s").isZero();
		this.fixture.advance(Duration.ofMillis(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> revision("counter") == 1);

		this.fixture.advance(Duration.ofSeconds(57));
		assertThat(this.fixture.runtime.isActive(SYSTEM, "counter")).as("still active at 59 s").isTrue();
		this.fixture.advance(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fixture.runtime.isActive(SYSTEM, "counter"));
	}

	@Test
	void writeBehindPersistsOnlyChangedState() {
		this.fixture.host.on("counter", "add", ScriptedHost::add)
			.on("counter", "noop", (i) -> ScriptedHost.answer(i, ScriptedHost.number(0)).build())
			.on("counter", "same", (i) -> ScriptedHost.reply(i, ScriptedHost.state(i), ScriptedHost.number(0)).build());
		this.fixture.register(snapshot(named("counter", "add", "noop", "same"), 100));
		this.fixture.call("counter", "add", 5);
		this.fixture.advance(Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(5)).until(() -> revision("counter") == 1);

		this.fixture.call("counter", "noop");
		this.fixture.call("counter", "same");
		this.fixture.advance(Duration.ofMillis(500));
		assertThat(revision("counter")).as("unchanged state is not written again").isEqualTo(1);
		assertThat(this.fixture.observer.snapshots).hasValue(1);

		this.fixture.call("counter", "add", 1);
		this.fixture.advance(Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(5)).until(() -> revision("counter") == 2);
		assertThat(stored("counter")).isEqualTo(6);
	}

	@Test
	void passivationFlushesStateAndReactivationLoadsIt() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(snapshot(idle(named("counter", "add"), 1_000), 60_000));
		this.fixture.call("counter", "add", 21);
		assertThat(revision("counter")).isZero();

		this.fixture.advance(Duration.ofMillis(1_000));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fixture.runtime.isActive(SYSTEM, "counter"));
		assertThat(stored("counter")).isEqualTo(21);

		assertThat(value(this.fixture.call("counter", "add", 21))).isEqualTo(42);
		assertThat(this.fixture.observer.activations).hasValue(2);
	}

	@Test
	void shutdownFlushesEveryChangedState() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(snapshot(actor("counter", Kind.UNNAMED, "add"), 60_000));
		for (int i = 0; i < 50; i++) {
			this.fixture.runtime.invoke(request("c-" + i, "add").setValue(ScriptedHost.number(i + 1))
				.setRegisterRef("counter").build());
		}
		assertThat(((InMemoryActorStateStore) this.fixture.store).size()).isZero();

		assertThat(this.fixture.runtime.shutdown(Duration.ofSeconds(5))).isTrue();
		assertThat(((InMemoryActorStateStore) this.fixture.store).size()).isEqualTo(50);
		for (int i = 0; i < 50; i++) {
			assertThat(stored("c-" + i)).isEqualTo(i + 1);
		}
		assertThat(this.fixture.runtime.activeActors()).isZero();
	}

	@Test
	void shutdownIsNotHeldUpByASnapshotQueuedBehindThePassivation() {
		try (RuntimeFixture quick = new RuntimeFixture(RuntimeSettings.defaults().withDefaultSnapshotInterval(Duration.ofMillis(1)))) {
			quick.host.on("counter", "add", ScriptedHost::add);
			quick.register(actor("counter", Kind.UNNAMED, "add"));
			for (int i = 0; i < 200; i++) {
				quick.runtime.invoke(request("c-" + i, "add").setValue(ScriptedHost.number(1)).setRegisterRef("counter").build());
			}
			// Snapshot timers fall due while the shutdown's passivations are queued.
			java.util.concurrent.CompletableFuture<Boolean> shutdown = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> quick.runtime.shutdown(Duration.ofSeconds(10)));
			quick.advance(Duration.ofMillis(5));
			assertThat(shutdown.join()).as("every actor passivated within the timeout").isTrue();
			assertThat(quick.runtime.activeActors()).isZero();
		}
	}

	@Test
	void shutdownLetsQueuedCallsFinishFirst() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.fixture.host.on("counter", "slowAdd", (i) -> {
			release.await(5, TimeUnit.SECONDS);
			return ScriptedHost.add(i);
		});
		this.fixture.register(snapshot(named("counter", "slowAdd"), 60_000));
		List<CompletableFuture<InvocationResult>> calls = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			calls.add(this.fixture.runtime
				.invokeAsync(request("counter", "slowAdd").setValue(ScriptedHost.number(1)).build()));
		}
		CompletableFuture<Boolean> shutdown = CompletableFuture
			.supplyAsync(() -> this.fixture.runtime.shutdown(Duration.ofSeconds(10)));
		await().until(this.fixture.runtime::isDraining);
		release.countDown();

		assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
		for (CompletableFuture<InvocationResult> call : calls) {
			assertThat(call.get().ok()).isTrue();
		}
		assertThat(stored("counter")).isEqualTo(5);
	}

	@Test
	void initRunsOnceBeforeAnyQueuedCall() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger inits = new AtomicInteger();
		this.fixture.host.on("counter", "init", (i) -> {
			inits.incrementAndGet();
			release.await(5, TimeUnit.SECONDS);
			return ScriptedHost.reply(i, 100, ScriptedHost.number(0)).build();
		}).on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "init", "add"));

		List<CompletableFuture<InvocationResult>> calls = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			calls.add(this.fixture.runtime
				.invokeAsync(request("counter", "add").setValue(ScriptedHost.number(1)).build()));
		}
		await().until(() -> !this.fixture.host.received.isEmpty());
		release.countDown();
		for (CompletableFuture<InvocationResult> call : calls) {
			assertThat(call.get(5, TimeUnit.SECONDS).ok()).isTrue();
		}

		assertThat(inits).hasValue(1);
		List<String> actions = this.fixture.host.actions("counter");
		assertThat(actions.get(0)).isEqualTo("init");
		assertThat(actions.subList(1, actions.size())).hasSize(10).containsOnly("add");
		assertThat(value(this.fixture.call("counter", "get"))).as("init state, then ten adds").isEqualTo(110);
		assertThat(this.fixture.host.received("counter").get(0).getCaller().getName()).isEqualTo("counter");
	}

	@Test
	void failedInitFailsTheCallAndIsRetriedByTheNext() {
		AtomicInteger attempts = new AtomicInteger();
		this.fixture.host.on("counter", "setup", (i) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new HostException(HostException.Reason.ACTION_FAILED, "config missing");
			}
			return ScriptedHost.reply(i, 7, ScriptedHost.number(0)).build();
		}).on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "setup", "add"));

		InvocationResult first = this.fixture.call("counter", "add", 1);
		assertThat(first.status()).isEqualTo(InvocationStatus.ACTION_FAILED);
		assertThat(first.message()).isEqualTo("init action 'setup' of actor 'counter' failed: config missing");
		assertThat(value(this.fixture.call("counter", "add", 1))).isEqualTo(8);
	}

	@Test
	void activationCapPassivatesTheLeastRecentlyUsedActor() {
		try (RuntimeFixture capped = new RuntimeFixture(RuntimeSettings.defaults().withMaxActivations(2))) {
			capped.host.on("counter", "add", ScriptedHost::add);
			capped.register(actor("counter", Kind.UNNAMED, "add"));
			for (String name : List.of("a", "b")) {
				capped.runtime.invoke(request(name, "add").setValue(ScriptedHost.number(1)).setRegisterRef("counter")
					.build());
				capped.advance(Duration.ofMillis(10));
			}
			capped.runtime.invoke(request("a", "add").setValue(ScriptedHost.number(1)).build());
			capped.advance(Duration.ofMillis(10));
			capped.runtime.invoke(request("c", "add").setValue(ScriptedHost.number(1)).setRegisterRef("counter").build());

			await().atMost(Duration.ofSeconds(5)).until(() -> !capped.runtime.isActive(SYSTEM, "b"));
			assertThat(capped.runtime.isActive(SYSTEM, "a")).isTrue();
			assertThat(capped.runtime.isActive(SYSTEM, "c")).isTrue();
			assertThat(capped.runtime.activeActors()).isEqualTo(2);
			assertThat(capped.store.load(new ActorKey(SYSTEM, "b")).orElseThrow().state().getState())
				.isEqualTo(ScriptedHost.number(1));
		}
	}

	@Test
	void callDuringPassivationIsServedByAFreshActivationWithTheFlushedState() throws Exception {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(snapshot(idle(named("counter", "add"), 1_000), 60_000));
		this.fixture.call("counter", "add", 1);
		for (int round = 0; round < 20; round++) {
			this.fixture.advance(Duration.ofMillis(1_000));
			// Races the passivation the advance just asked for.
			assertThat(this.fixture.call("counter", "add", 1).ok()).isTrue();
		}
		assertThat(value(this.fixture.call("counter", "get"))).isEqualTo(21);
	}

	@Test
	void writeThroughActorCommitsBeforeReplying() {
		this.fixture.host.on("ledger", "add", ScriptedHost::add);
		var ledger = snapshot(named("ledger", "add"), 60_000);
		ledger.getMetadataBuilder().putTags("spawn.write-through", "true");
		this.fixture.register(ledger);

		this.fixture.call("ledger", "add", 9);
		assertThat(stored("ledger")).isEqualTo(9);
		assertThat(revision("ledger")).isEqualTo(1);
	}

	@Test
	void checkpointReplyCommitsBeforeReplying() {
		this.fixture.host.on("counter", "save", (i) -> ActorInvocationResponse.newBuilder()
			.setUpdatedContext(Context.newBuilder().setState(ScriptedHost.number(ScriptedHost.input(i))))
			.setCheckpoint(true)
			.build());
		this.fixture.register(snapshot(named("counter", "save"), 60_000));
		this.fixture.call("counter", "save", 77);
		assertThat(stored("counter")).isEqualTo(77);
	}

	@Test
	void failedWriteThroughLeavesStateAsBeforeTheCall() {
		FailingStore store = new FailingStore();
		try (RuntimeFixture failing = new RuntimeFixture(RuntimeSettings.defaults(), store)) {
			failing.host.on("ledger", "add", ScriptedHost::add);
			var ledger = named("ledger", "add");
			ledger.getMetadataBuilder().putTags("spawn.write-through", "true");
			failing.register(ledger);
			failing.call("ledger", "add", 5);

			store.failing = true;
			InvocationResult result = failing.call("ledger", "add", 5);
			assertThat(result.status()).isEqualTo(InvocationStatus.UNAVAILABLE);
			assertThat(result.message()).contains("state store unavailable");
			store.failing = false;
			assertThat(value(failing.call("ledger", "get"))).isEqualTo(5);
			assertThat(value(failing.call("ledger", "add", 1))).isEqualTo(6);
		}
	}

	@Test
	void staleActivationCannotOverwriteNewerStateAndReloads() {
		InMemoryActorStateStore shared = new InMemoryActorStateStore();
		try (RuntimeFixture one = new RuntimeFixture(RuntimeSettings.defaults(), shared);
				RuntimeFixture two = new RuntimeFixture(RuntimeSettings.defaults(), shared)) {
			for (RuntimeFixture node : List.of(one, two)) {
				node.host.on("ledger", "add", ScriptedHost::add);
				var ledger = named("ledger", "add");
				ledger.getMetadataBuilder().putTags("spawn.write-through", "true");
				node.register(ledger);
			}
			assertThat(value(one.call("ledger", "get"))).isZero();
			assertThat(value(two.call("ledger", "get"))).isZero();

			assertThat(value(one.call("ledger", "add", 10))).isEqualTo(10);
			InvocationResult stale = two.call("ledger", "add", 1);
			assertThat(stale.status()).isEqualTo(InvocationStatus.STATE_CONFLICT);
			assertThat(stale.message()).contains("stale write").contains("discarded");
			assertThat(shared.load(new ActorKey(SYSTEM, "ledger")).orElseThrow().state().getState())
				.isEqualTo(ScriptedHost.number(10));

			assertThat(value(two.call("ledger", "add", 1))).as("reloaded from the store").isEqualTo(11);
		}
	}

	@Test
	void spawnWithRevisionRestoresThatSnapshot() {
		this.fixture.host.on("account", "set",
				(i) -> ScriptedHost.reply(i, ScriptedHost.input(i), ScriptedHost.number(0)).setCheckpoint(true).build());
		this.fixture.register(idle(actor("account", Kind.UNNAMED, "set"), 1_000));
		ActorId acct = ActorId.newBuilder().setName("acct-1").setSystem(SYSTEM).setParent("account").build();
		this.fixture.runtime.spawn(SYSTEM, SpawnRequest.newBuilder().addActors(acct).build(), null);
		this.fixture.call("acct-1", "set", 100);
		this.fixture.call("acct-1", "set", 200);
		this.fixture.call("acct-1", "set", 300);
		this.fixture.advance(Duration.ofMillis(1_000));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fixture.runtime.isActive(SYSTEM, "acct-1"));

		this.fixture.runtime.spawn(SYSTEM, SpawnRequest.newBuilder().addActors(acct).build(), 2L);
		assertThat(value(this.fixture.call("acct-1", "get"))).isEqualTo(200);
		this.fixture.advance(Duration.ofMillis(1_000));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fixture.runtime.isActive(SYSTEM, "acct-1"));
		assertThat(value(this.fixture.call("acct-1", "get"))).as("the restore is kept as the latest").isEqualTo(200);
		assertThat(revision("acct-1")).isEqualTo(4);
	}

	@Test
	void restoreOfARevisionThatIsNotKeptFailsOnceThenTheLatestStateServes() {
		this.fixture.host.on("account", "set",
				(i) -> ScriptedHost.reply(i, ScriptedHost.input(i), ScriptedHost.number(0)).setCheckpoint(true).build());
		this.fixture.register(actor("account", Kind.UNNAMED, "set"));
		this.fixture.runtime.invoke(request("acct-1", "set").setValue(ScriptedHost.number(5)).setRegisterRef("account").build());
		this.fixture.runtime.shutdown(Duration.ofSeconds(5));
		try (RuntimeFixture restarted = new RuntimeFixture(RuntimeSettings.defaults(), this.fixture.store)) {
			restarted.host.on("account", "set", ScriptedHost::add);
			restarted.register(actor("account", Kind.UNNAMED, "set"));
			restarted.runtime.spawn(SYSTEM, SpawnRequest.newBuilder()
				.addActors(ActorId.newBuilder().setName("acct-1").setParent("account"))
				.build(), 99L);
			InvocationResult missing = restarted.call("acct-1", "get");
			assertThat(missing.status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
			assertThat(missing.message()).contains("revision 99").contains("not kept");
			assertThat(value(restarted.call("acct-1", "get"))).isEqualTo(5);
		}
	}

	@Test
	void instanceSpawnedBeforeARestartIsFoundFromItsStoredState() {
		this.fixture.host.on("account", "add", ScriptedHost::add);
		var template = snapshot(actor("account", Kind.UNNAMED, "add"), 60_000);
		this.fixture.register(template);
		this.fixture.runtime.spawn(SYSTEM, SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setName("acct-7").setParent("account"))
			.build(), null);
		this.fixture.call("acct-7", "add", 70);
		this.fixture.runtime.shutdown(Duration.ofSeconds(5));
		try (RuntimeFixture restarted = new RuntimeFixture(RuntimeSettings.defaults(), this.fixture.store)) {
			restarted.host.on("account", "add", ScriptedHost::add);
			restarted.register(snapshot(actor("account", Kind.UNNAMED, "add"), 60_000));
			assertThat(value(restarted.call("acct-7", "add", 1))).as("no register_ref needed").isEqualTo(71);
			assertThat(restarted.call("acct-8", "add", 1).status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
		}
	}

	@Test
	void checkpointCommitsPendingStateEvenWhenTheCallChangesNothing() {
		this.fixture.host.on("counter", "add", ScriptedHost::add)
			.on("counter", "flush", (i) -> ScriptedHost.answer(i, ScriptedHost.number(0)).setCheckpoint(true).build());
		this.fixture.register(snapshot(named("counter", "add", "flush"), 60_000));
		this.fixture.call("counter", "add", 4);
		assertThat(revision("counter")).isZero();
		this.fixture.call("counter", "flush");
		assertThat(stored("counter")).isEqualTo(4);
	}

	/** A store that can be switched to fail every call, like a database that went away. */
	static final class FailingStore implements io.spawn.internal.state.ActorStateStore {

		private final InMemoryActorStateStore delegate = new InMemoryActorStateStore();

		volatile boolean failing;

		@Override
		public java.util.Optional<StoredState> load(ActorKey key) {
			check();
			return this.delegate.load(key);
		}

		@Override
		public java.util.Optional<StoredState> load(ActorKey key, long revision) {
			check();
			return this.delegate.load(key, revision);
		}

		@Override
		public long write(ActorKey key, @org.jspecify.annotations.Nullable String parent,
				io.spawn.protocol.actors.ActorState state, long expectedRevision) {
			check();
			return this.delegate.write(key, parent, state, expectedRevision);
		}

		private void check() {
			if (this.failing) {
				throw new io.spawn.internal.state.StateStoreException("connection refused");
			}
		}

	}

}
