package io.spawn.internal.runtime;

import static io.spawn.internal.runtime.RuntimeFixture.SYSTEM;
import static io.spawn.internal.runtime.RuntimeFixture.actor;
import static io.spawn.internal.runtime.RuntimeFixture.named;
import static io.spawn.internal.runtime.RuntimeFixture.snapshot;
import static io.spawn.internal.runtime.RuntimeFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.state.LeaseUnavailableException;
import io.spawn.internal.state.StoredState;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorState;
import io.spawn.protocol.actors.Kind;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActorRuntimeDeleteStateTests {

	private static final ActorKey COUNTER = new ActorKey(SYSTEM, "counter");

	private final LeaseHoldingStore store = new LeaseHoldingStore();

	private final RuntimeFixture fixture = new RuntimeFixture(RuntimeSettings.defaults(), this.store);

	private final AtomicInteger inits = new AtomicInteger();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	/** A counter whose init sets 100 and whose state is written behind every 100 ms. */
	private void registerCounter() {
		this.fixture.host.on("counter", "init", (i) -> {
			this.inits.incrementAndGet();
			return ScriptedHost.reply(i, 100, ScriptedHost.number(0)).build();
		}).on("counter", "add", ScriptedHost::add);
		this.fixture.register(snapshot(named("counter", "init", "add"), 100));
	}

	@Test
	void deletingAnActiveActorRemovesItsHistoryAndTheNextCallStartsFromTheInitialState() {
		registerCounter();
		assertThat(value(this.fixture.call("counter", "add", 5))).isEqualTo(105);
		this.fixture.advance(Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.load(COUNTER).isPresent());
		assertThat(value(this.fixture.call("counter", "add", 1))).isEqualTo(106);
		this.fixture.advance(Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.store.load(COUNTER).map(StoredState::revision).orElse(0L) == 2);

		InvocationResult deleted = this.fixture.runtime.deleteState(SYSTEM, "counter").join();

		assertThat(deleted.ok()).as(deleted.message()).isTrue();
		assertThat(this.store.load(COUNTER)).isEmpty();
		assertThat(this.store.load(COUNTER, 1)).as("kept revisions go too").isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fixture.runtime.isActive(SYSTEM, "counter"));
		assertThat(value(this.fixture.call("counter", "add", 1))).as("init state, then one add").isEqualTo(101);
		assertThat(this.inits).as("init runs again after the deletion").hasValue(2);
		this.fixture.advance(Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.load(COUNTER).isPresent());
		assertThat(ScriptedHost.number(this.store.load(COUNTER).orElseThrow().state().getState()))
			.as("the fresh activation writes from revision 0 again").isEqualTo(101);
	}

	@Test
	void changesNotYetWrittenBehindAreDroppedWithTheDeletion() {
		registerCounter();
		this.fixture.call("counter", "add", 5);

		assertThat(this.fixture.runtime.deleteState(SYSTEM, "counter").join().ok()).isTrue();
		this.fixture.advance(Duration.ofMillis(500));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fixture.runtime.isActive(SYSTEM, "counter"));

		assertThat(this.store.load(COUNTER)).as("the pending snapshot is not written after the deletion").isEmpty();
		assertThat(value(this.fixture.call("counter", "add", 0))).isEqualTo(100);
	}

	@Test
	void deletingAPassiveActorRemovesItsStoredStateWithoutCallingTheHost() {
		registerCounter();
		this.store.write(COUNTER, null, ActorState.newBuilder().setState(ScriptedHost.number(42)).build(), 0);

		InvocationResult deleted = this.fixture.runtime.deleteState(SYSTEM, "counter").join();

		assertThat(deleted.ok()).as(deleted.message()).isTrue();
		assertThat(this.store.load(COUNTER)).isEmpty();
		assertThat(this.fixture.host.received).as("no init for a state that is going").isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.fixture.runtime.activeActors() == 0);
		assertThat(value(this.fixture.call("counter", "add", 1))).isEqualTo(101);
	}

	@Test
	void aRestoreAskedForAtSpawnIsForgottenWithTheDeletedHistory() {
		this.fixture.host.on("account", "set",
				(i) -> ScriptedHost.reply(i, ScriptedHost.input(i), ScriptedHost.number(0)).setCheckpoint(true).build());
		this.fixture.register(actor("account", Kind.UNNAMED, "set"));
		ActorId acct = ActorId.newBuilder().setName("acct-1").setSystem(SYSTEM).setParent("account").build();
		this.fixture.runtime.spawn(SYSTEM, SpawnRequest.newBuilder().addActors(acct).build(), null);
		this.fixture.call("acct-1", "set", 100);
		this.fixture.call("acct-1", "set", 200);
		this.fixture.runtime.spawn(SYSTEM, SpawnRequest.newBuilder().addActors(acct).build(), 1L);

		assertThat(this.fixture.runtime.deleteState(SYSTEM, "acct-1").join().ok()).isTrue();

		InvocationResult next = this.fixture.call("acct-1", "get");
		assertThat(next.ok()).as(next.message()).isTrue();
		assertThat(next.response().hasValue()).as("no state, and no failed restore").isFalse();
	}

	@Test
	void deletingAnActorWithoutStoredStateSucceeds() {
		registerCounter();

		assertThat(this.fixture.runtime.deleteState(SYSTEM, "counter").join().ok()).isTrue();
		assertThat(this.store.load(COUNTER)).isEmpty();
	}

	@Test
	void deletingAnUnknownActorOrSystemIsActorNotFound() {
		registerCounter();

		assertThat(this.fixture.runtime.deleteState(SYSTEM, "ghost").join().status())
			.isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
		assertThat(this.fixture.runtime.deleteState("nowhere", "counter").join().status())
			.isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
	}

	@Test
	void deletingTheStateOfAnActorThatKeepsNoneIsAnInvalidRequest() {
		this.fixture.host.on("echo", "say", (i) -> ScriptedHost.answer(i, ScriptedHost.number(1)).build());
		Actor.Builder echo = named("echo", "say");
		echo.getSettingsBuilder().setStateful(false);
		this.fixture.register(echo, actor("worker", Kind.POOLED, "say"));

		InvocationResult named = this.fixture.runtime.deleteState(SYSTEM, "echo").join();
		InvocationResult pooled = this.fixture.runtime.deleteState(SYSTEM, "worker").join();

		assertThat(named.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
		assertThat(named.message()).isEqualTo("actor 'echo' is not stateful: it keeps no stored state to delete");
		assertThat(pooled.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
		assertThat(this.fixture.host.received).isEmpty();
	}

	@Test
	void deletionWhileAnotherNodeHoldsTheLeaseIsRefusedAndKeepsTheState() {
		registerCounter();
		this.store.write(COUNTER, null, ActorState.newBuilder().setState(ScriptedHost.number(42)).build(), 0);
		this.store.holder = "node-b";

		InvocationResult deleted = this.fixture.runtime.deleteState(SYSTEM, "counter").join();

		assertThat(deleted.status()).isEqualTo(InvocationStatus.UNAVAILABLE);
		assertThat(deleted.message()).contains("node-b");
		assertThat(this.store.load(COUNTER)).isPresent();
		assertThat(this.fixture.host.received).isEmpty();
	}

	/** The in-memory store, with a lease another node can be made to hold. */
	static final class LeaseHoldingStore implements ActorStateStore {

		private final InMemoryActorStateStore delegate = new InMemoryActorStateStore();

		volatile @Nullable String holder;

		@Override
		public Optional<StoredState> load(ActorKey key) {
			return this.delegate.load(key);
		}

		@Override
		public Optional<StoredState> load(ActorKey key, long revision) {
			return this.delegate.load(key, revision);
		}

		@Override
		public long write(ActorKey key, @Nullable String parent, ActorState state, long expectedRevision) {
			return this.delegate.write(key, parent, state, expectedRevision);
		}

		@Override
		public void acquireLease(ActorKey key) {
			checkLease(key);
		}

		@Override
		public boolean delete(ActorKey key) {
			checkLease(key);
			return this.delegate.delete(key);
		}

		private void checkLease(ActorKey key) {
			String node = this.holder;
			if (node != null) {
				throw new LeaseUnavailableException(key, node, Long.MAX_VALUE);
			}
		}

	}

}
