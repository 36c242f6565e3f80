package io.spawn.internal.state.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.LeaseUnavailableException;
import io.spawn.internal.state.StaleRevisionException;
import io.spawn.internal.state.StateEncryption;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.state.StoredState;
import io.spawn.internal.time.ManualRuntimeClock;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.Noop;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorState;
import io.spawn.protocol.actors.ActorSystem;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of durable state, run against each real database (H2 and PostgreSQL subclasses).
 */
abstract class AbstractJpaStatePersistenceTests {

	static final String KEY_1 = Base64.getEncoder().encodeToString(bytes(1));

	static final String KEY_2 = Base64.getEncoder().encodeToString(bytes(2));

	final ManualRuntimeClock clock = new ManualRuntimeClock(Instant.parse("2026-01-01T00:00:00Z"));

	final List<AutoCloseable> toClose = new ArrayList<>();

	HikariDataSource dataSource;

	abstract HikariDataSource newDatabase();

	@BeforeEach
	void openDatabase() {
		this.dataSource = newDatabase();
	}

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.toClose.size() - 1; i >= 0; i--) {
			this.toClose.get(i).close();
		}
		this.dataSource.close();
	}

	JpaStatePersistence open(PersistenceSettings settings) {
		return open(settings, this.clock);
	}

	JpaStatePersistence open(PersistenceSettings settings, ManualRuntimeClock clock) {
		JpaStatePersistence persistence = JpaStatePersistence.start(this.dataSource, settings, clock);
		this.toClose.add(persistence);
		return persistence;
	}

	static ActorState state(long value) {
		return ActorState.newBuilder().setState(Any.pack(Int64Value.of(value))).putTags("team", "payments").build();
	}

	static long value(StoredState stored) {
		try {
			return stored.state().getState().unpack(Int64Value.class).getValue();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] bytes(int seed) {
		byte[] key = new byte[32];
		for (int i = 0; i < key.length; i++) {
			key[i] = (byte) (seed * 31 + i);
		}
		return key;
	}

	byte[] storedBytes(ActorKey key) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement query = connection.prepareStatement(
						"SELECT state_bytes FROM spawn_actor_snapshot WHERE actor_system = ? AND actor_name = ?")) {
			query.setString(1, key.system());
			query.setString(2, key.name());
			try (ResultSet rows = query.executeQuery()) {
				assertThat(rows.next()).isTrue();
				return rows.getBytes(1);
			}
		}
	}

	void execute(String sql, Object... parameters) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			statement.executeUpdate();
		}
	}

	@Test
	void writesAreReadBackWithTheirRevisions() {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		ActorKey key = new ActorKey("sys", "counter");
		assertThat(persistence.stateStore().load(key)).isEmpty();

		persistence.stateStore().acquireLease(key);
		assertThat(persistence.stateStore().write(key, null, state(1), 0)).isEqualTo(1);
		assertThat(persistence.stateStore().write(key, null, state(2), 1)).isEqualTo(2);

		StoredState stored = persistence.stateStore().load(key).orElseThrow();
		assertThat(stored.revision()).isEqualTo(2);
		assertThat(value(stored)).isEqualTo(2);
		assertThat(stored.state().getTagsMap()).containsEntry("team", "payments");
		assertThat(stored.parent()).isNull();
	}

	@Test
	void unnamedInstanceRecordsItsParent() {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		ActorKey key = new ActorKey("sys", "acct-1");
		persistence.stateStore().acquireLease(key);
		persistence.stateStore().write(key, "account", state(5), 0);
		assertThat(persistence.stateStore().load(key).orElseThrow().parent()).isEqualTo("account");
	}

	@Test
	void writeWithAStaleRevisionChangesNothing() {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		ActorKey key = new ActorKey("sys", "counter");
		persistence.stateStore().acquireLease(key);
		persistence.stateStore().write(key, null, state(10), 0);
		persistence.stateStore().write(key, null, state(20), 1);

		assertThatThrownBy(() -> persistence.stateStore().write(key, null, state(99), 1))
			.isInstanceOf(StaleRevisionException.class)
			.hasMessageContaining("holds revision 1 but the store has 2");
		assertThatThrownBy(() -> persistence.stateStore().write(key, null, state(99), 0))
			.isInstanceOf(StaleRevisionException.class);
		assertThat(value(persistence.stateStore().load(key).orElseThrow())).isEqualTo(20);
	}

	@Test
	void nodeWithoutTheLeaseCanNeverCommit() {
		ManualRuntimeClock clockB = new ManualRuntimeClock(Instant.parse("2026-01-01T00:00:00Z"));
		PersistenceSettings settings = PersistenceSettings.defaults("node-a").withLeaseDuration(Duration.ofSeconds(10));
		JpaStatePersistence nodeA = open(settings);
		JpaStatePersistence nodeB = open(PersistenceSettings.defaults("node-b").withLeaseDuration(Duration.ofSeconds(10)),
				clockB);
		ActorKey key = new ActorKey("sys", "ledger");

		nodeA.stateStore().acquireLease(key);
		nodeA.stateStore().write(key, null, state(1), 0);
		assertThatThrownBy(() -> nodeB.stateStore().acquireLease(key)).isInstanceOf(LeaseUnavailableException.class)
			.hasMessageContaining("active on node 'node-a'");
		assertThatThrownBy(() -> nodeB.stateStore().write(key, null, state(666), 1))
			.isInstanceOf(StaleRevisionException.class)
			.hasMessageContaining("does not hold its lease");

		// Node A stops renewing (its clock stands still); on node B's clock the lease has expired.
		clockB.advance(Duration.ofSeconds(11));
		nodeB.stateStore().acquireLease(key);
		StoredState taken = nodeB.stateStore().load(key).orElseThrow();
		nodeB.stateStore().write(key, null, state(2), taken.revision());

		assertThatThrownBy(() -> nodeA.stateStore().write(key, null, state(666), 1))
			.isInstanceOf(StaleRevisionException.class);
		assertThatThrownBy(() -> nodeA.stateStore().write(key, null, state(666), 2))
			.as("right revision, but no lease").isInstanceOf(StaleRevisionException.class);
		assertThat(value(nodeB.stateStore().load(key).orElseThrow())).isEqualTo(2);
	}

	@Test
	void releasedLeaseCanBeTakenByAnotherNode() {
		JpaStatePersistence nodeA = open(PersistenceSettings.defaults("node-a"));
		JpaStatePersistence nodeB = open(PersistenceSettings.defaults("node-b"));
		ActorKey key = new ActorKey("sys", "ledger");
		nodeA.stateStore().acquireLease(key);
		nodeA.stateStore().acquireLease(key);
		nodeA.stateStore().releaseLease(key);
		nodeB.stateStore().acquireLease(key);
		assertThat(nodeB.stateStore().write(key, null, state(3), 0)).isEqualTo(1);
	}

	@Test
	void concurrentWritersShareTransactions() throws Exception {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		int actors = 64;
		int rounds = 20;
		ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int a = 0; a < actors; a++) {
				ActorKey key = new ActorKey("sys", "actor-" + a);
				done.add(writers.submit(() -> {
					persistence.stateStore().acquireLease(key);
					long revision = 0;
					for (int round = 1; round <= rounds; round++) {
						revision = persistence.stateStore().write(key, null, state(round), revision);
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			writers.shutdownNow();
		}
		for (int a = 0; a < actors; a++) {
			StoredState stored = persistence.stateStore().load(new ActorKey("sys", "actor-" + a)).orElseThrow();
			assertThat(stored.revision()).isEqualTo(rounds);
			assertThat(value(stored)).isEqualTo(rounds);
		}
	}

	@Test
	void historyKeepsTheRetainedRevisionsForRestore() {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a").withHistoryRetention(3));
		ActorKey key = new ActorKey("sys", "counter");
		persistence.stateStore().acquireLease(key);
		for (int revision = 0; revision < 6; revision++) {
			persistence.stateStore().write(key, null, state((revision + 1) * 100L), revision);
		}
		assertThat(persistence.stateStore().load(key, 4)).as("kept before any trim").isPresent();
		assertThat(persistence.trimHistory()).isEqualTo(3);
		assertThat(persistence.stateStore().load(key, 1)).as("beyond retention").isEmpty();
		assertThat(persistence.stateStore().load(key, 3)).isEmpty();
		assertThat(value(persistence.stateStore().load(key, 4).orElseThrow())).isEqualTo(400);
		assertThat(value(persistence.stateStore().load(key, 6).orElseThrow())).isEqualTo(600);
	}

	@Test
	void historyIsTrimmedInTheBackground() {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a").withHistoryRetention(2));
		ActorKey key = new ActorKey("sys", "counter");
		persistence.stateStore().acquireLease(key);
		for (int revision = 0; revision < 5; revision++) {
			persistence.stateStore().write(key, null, state(revision + 1), revision);
		}
		this.clock.advance(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(historyRevisions(key)).containsExactly(4L, 5L);
		});
	}

	List<Long> historyRevisions(ActorKey key) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement query = connection.prepareStatement("SELECT revision FROM"
						+ " spawn_actor_snapshot_history WHERE actor_system = ? AND actor_name = ? ORDER BY revision")) {
			query.setString(1, key.system());
			query.setString(2, key.name());
			List<Long> revisions = new ArrayList<>();
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					revisions.add(rows.getLong(1));
				}
			}
			return revisions;
		}
	}

	long count(String sql, Object... parameters) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement query = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				query.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	@Test
	void oneBatchDecidesEachWriteOnItsOwnFence() throws Exception {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		JpaActorStateStore store = persistence.stateStore();
		ActorKey fresh = new ActorKey("sys", "fresh");
		ActorKey current = new ActorKey("sys", "current");
		ActorKey stale = new ActorKey("sys", "stale");
		ActorKey unleased = new ActorKey("sys", "unleased");
		ActorKey existing = new ActorKey("sys", "existing");
		for (ActorKey key : List.of(fresh, current, stale, existing)) {
			store.acquireLeaseAndLoad(key);
		}
		store.write(current, null, state(1), 0);
		store.write(stale, null, state(1), 0);
		store.write(stale, null, state(2), 1);
		store.write(existing, null, state(1), 0);

		Jdbc jdbc = new Jdbc(this.dataSource);
		List<PendingWrite> batch = List.of(pending(fresh, 0, 10), pending(current, 1, 20), pending(stale, 1, 30),
				pending(unleased, 0, 40), pending(existing, 0, 50));
		boolean[] written = SnapshotSql.of(jdbc).write(jdbc, batch, null, "node-a", this.clock.millis());

		assertThat(written).containsExactly(true, true, false, false, false);
		assertThat(value(store.load(fresh).orElseThrow())).isEqualTo(10);
		assertThat(store.load(current).orElseThrow().revision()).isEqualTo(2);
		assertThat(value(store.load(current).orElseThrow())).isEqualTo(20);
		assertThat(value(store.load(stale).orElseThrow())).isEqualTo(2);
		assertThat(store.load(unleased)).isEmpty();
		assertThat(value(store.load(existing).orElseThrow())).isEqualTo(1);
		assertThat(historyRevisions(fresh)).containsExactly(1L);
		assertThat(historyRevisions(current)).containsExactly(1L, 2L);
		assertThat(historyRevisions(stale)).containsExactly(1L, 2L);
		assertThat(historyRevisions(unleased)).isEmpty();
		assertThat(value(store.load(current, 2).orElseThrow())).isEqualTo(20);
	}

	private static PendingWrite pending(ActorKey key, long expectedRevision, long value) {
		ActorState state = state(value);
		return new PendingWrite(key, null, expectedRevision, StateCodec.stateType(state), state.toByteArray(),
				StateCodec.tagsJson(state.getTagsMap()), Thread.currentThread());
	}

	@Test
	void leaseAndSnapshotComeTogether() {
		JpaStatePersistence nodeA = open(PersistenceSettings.defaults("node-a"));
		JpaStatePersistence nodeB = open(PersistenceSettings.defaults("node-b"));
		ActorKey key = new ActorKey("sys", "ledger");
		assertThat(nodeA.stateStore().acquireLeaseAndLoad(key)).isEmpty();
		nodeA.stateStore().write(key, null, state(5), 0);
		nodeA.stateStore().write(key, null, state(6), 1);

		StoredState loaded = nodeA.stateStore().acquireLeaseAndLoad(key).orElseThrow();
		assertThat(loaded.revision()).isEqualTo(2);
		assertThat(value(loaded)).isEqualTo(6);
		long expiry = this.clock.millis() + Duration.ofSeconds(15).toMillis();
		assertThatThrownBy(() -> nodeB.stateStore().acquireLeaseAndLoad(key))
			.isInstanceOf(LeaseUnavailableException.class)
			.hasMessageContaining("active on node 'node-a' (lease until epoch ms " + expiry + ")");
	}

	@Test
	void loadAfterTheLeaseReturnsTheLatestState() throws Exception {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		JpaActorStateStore store = persistence.stateStore();
		ActorKey key = new ActorKey("sys", "counter");
		store.acquireLease(key);
		store.write(key, null, state(1), 0);
		store.acquireLease(key);
		assertThat(value(store.load(key).orElseThrow())).as("read with the lease").isEqualTo(1);

		store.acquireLease(key);
		store.write(key, null, state(2), 1);
		assertThat(value(store.load(key).orElseThrow())).as("written after the lease").isEqualTo(2);

		store.acquireLease(key);
		execute("UPDATE spawn_actor_snapshot SET revision = 7 WHERE actor_name = ?", "counter");
		ExecutorService other = Executors.newVirtualThreadPerTaskExecutor();
		try {
			assertThat(other.submit(() -> store.load(key).orElseThrow().revision()).get(10, TimeUnit.SECONDS))
				.as("another thread reads the table").isEqualTo(7);
		}
		finally {
			other.shutdown();
		}
	}

	@Test
	void deletedStateIsGoneWithItsHistoryAndTheActorStartsAfresh() throws Exception {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		JpaActorStateStore store = persistence.stateStore();
		ActorKey key = new ActorKey("sys", "cart");
		ActorKey neighbour = new ActorKey("sys", "cart-2");
		store.acquireLease(key);
		store.acquireLease(neighbour);
		for (int revision = 0; revision < 3; revision++) {
			store.write(key, null, state(revision + 1), revision);
		}
		store.write(neighbour, null, state(9), 0);

		assertThat(store.delete(key)).isTrue();

		assertThat(store.load(key)).isEmpty();
		assertThat(store.load(key, 2)).isEmpty();
		assertThat(historyRevisions(key)).isEmpty();
		assertThatThrownBy(() -> store.write(key, null, state(99), 3)).as("a copy from before the deletion")
			.isInstanceOf(StaleRevisionException.class);
		assertThat(store.write(key, null, state(1), 0)).as("the holder keeps its lease").isEqualTo(1);
		assertThat(value(store.load(neighbour).orElseThrow())).isEqualTo(9);
		assertThat(store.delete(new ActorKey("sys", "never-written"))).isFalse();
	}

	@Test
	void deleteNeverRemovesStateUnderAnotherLiveOwner() throws Exception {
		ManualRuntimeClock clockB = new ManualRuntimeClock(Instant.parse("2026-01-01T00:00:00Z"));
		JpaStatePersistence nodeA = open(PersistenceSettings.defaults("node-a").withLeaseDuration(Duration.ofSeconds(10)));
		JpaStatePersistence nodeB = open(PersistenceSettings.defaults("node-b").withLeaseDuration(Duration.ofSeconds(10)),
				clockB);
		ActorKey key = new ActorKey("sys", "ledger");
		nodeA.stateStore().acquireLease(key);
		nodeA.stateStore().write(key, null, state(1), 0);

		assertThatThrownBy(() -> nodeB.stateStore().delete(key)).isInstanceOf(LeaseUnavailableException.class)
			.hasMessageContaining("active on node 'node-a'");
		assertThat(value(nodeA.stateStore().load(key).orElseThrow())).isEqualTo(1);
		assertThat(nodeA.stateStore().write(key, null, state(2), 1)).isEqualTo(2);

		// Once node A's lease has expired, node B may delete; it holds no lease afterwards.
		clockB.advance(Duration.ofSeconds(11));
		assertThat(nodeB.stateStore().delete(key)).isTrue();
		assertThat(nodeB.stateStore().load(key)).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM spawn_actor_lease WHERE actor_name = ?", "ledger")).isZero();
		assertThatThrownBy(() -> nodeA.stateStore().write(key, null, state(3), 2))
			.isInstanceOf(StaleRevisionException.class);
	}

	@Test
	void idleStateIsPurgedAfterItsTimeToLiveButNeverWhileLeased() throws Exception {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		JpaStatePersistence nodeA = open(PersistenceSettings.defaults("node-a").withLeaseDuration(Duration.ofDays(1)));
		JpaActorStateStore a = nodeA.stateStore();
		List<ActorKey> written = new ArrayList<>();
		for (String name : List.of("s-1", "s-2", "s-3", "cart-1")) {
			ActorKey key = new ActorKey("sys", name);
			a.acquireLease(key);
			a.write(key, name.startsWith("s-") ? "session" : "cart", state(1), 0);
			a.write(key, name.startsWith("s-") ? "session" : "cart", state(2), 1);
			written.add(key);
		}
		ActorKey named = new ActorKey("sys", "session");
		a.acquireLease(named);
		a.write(named, null, state(1), 0);
		ActorKey otherSystem = new ActorKey("other", "s-1");
		a.acquireLease(otherSystem);
		a.write(otherSystem, "session", state(1), 0);
		for (ActorKey key : List.of(new ActorKey("sys", "s-1"), new ActorKey("sys", "s-3"), new ActorKey("sys", "cart-1"),
				named, otherSystem)) {
			a.releaseLease(key);
		}
		ManualRuntimeClock later = new ManualRuntimeClock(start.plus(Duration.ofMinutes(90)));
		JpaStatePersistence nodeC = open(PersistenceSettings.defaults("node-c"), later);
		ActorKey recent = new ActorKey("sys", "s-4");
		nodeC.stateStore().acquireLease(recent);
		nodeC.stateStore().write(recent, "session", state(1), 0);
		nodeC.stateStore().releaseLease(recent);

		ManualRuntimeClock purgerClock = new ManualRuntimeClock(start.plus(Duration.ofHours(2)));
		JpaStatePersistence purger = open(PersistenceSettings.defaults("node-p")
			.withStateTimeToLive(Map.of("sys/session", Duration.ofHours(1)), Duration.ofMinutes(1)), purgerClock);
		purgerClock.advance(Duration.ofMinutes(1));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(purger.stateStore().load(new ActorKey("sys", "s-1"))).isEmpty();
			assertThat(purger.stateStore().load(new ActorKey("sys", "s-3"))).isEmpty();
			assertThat(purger.stateStore().load(named)).isEmpty();
		});
		assertThat(historyRevisions(new ActorKey("sys", "s-1"))).isEmpty();
		assertThat(value(purger.stateStore().load(new ActorKey("sys", "s-2")).orElseThrow())).as("leased").isEqualTo(2);
		assertThat(purger.stateStore().load(new ActorKey("sys", "cart-1"))).as("no time-to-live").isPresent();
		assertThat(purger.stateStore().load(recent)).as("written 30 min ago").isPresent();
		assertThat(purger.stateStore().load(otherSystem)).as("another system").isPresent();
		assertThat(count("SELECT COUNT(*) FROM spawn_actor_lease WHERE owner = ?", "node-p")).isZero();
		assertThat(purger.purgeExpiredState()).as("nothing left to purge").isZero();
		assertThat(a.write(new ActorKey("sys", "s-2"), "session", state(3), 2)).isEqualTo(3);
	}

	@Test
	void encryptedStateIsCiphertextInTheTable() throws Exception {
		JpaStatePersistence persistence = open(
				PersistenceSettings.defaults("node-a").withEncryption(StateEncryption.of(KEY_1, List.of())));
		ActorKey key = new ActorKey("sys", "secret");
		persistence.stateStore().acquireLease(key);
		ActorState plain = ActorState.newBuilder().setState(Any.pack(StringValue.of("card 4111-1111"))).build();
		persistence.stateStore().write(key, null, plain, 0);

		assertThat(new String(storedBytes(key), StandardCharsets.ISO_8859_1)).doesNotContain("4111-1111")
			.doesNotContain("StringValue");
		assertThat(persistence.stateStore().load(key).orElseThrow().state()).isEqualTo(plain);
	}

	@Test
	void wrongKeyFailsLoudly() {
		ActorKey key = new ActorKey("sys", "secret");
		JpaStatePersistence writer = open(
				PersistenceSettings.defaults("node-a").withEncryption(StateEncryption.of(KEY_1, List.of())));
		writer.stateStore().acquireLease(key);
		writer.stateStore().write(key, null, state(7), 0);

		JpaStatePersistence withoutKey = open(PersistenceSettings.defaults("node-b"));
		assertThatThrownBy(() -> withoutKey.stateStore().load(key)).isInstanceOf(StateStoreException.class)
			.hasMessageContaining("not configured");
		JpaStatePersistence otherKey = open(
				PersistenceSettings.defaults("node-c").withEncryption(StateEncryption.of(KEY_2, List.of())));
		assertThatThrownBy(() -> otherKey.stateStore().load(key)).isInstanceOf(StateStoreException.class)
			.hasMessageContaining("is encrypted with key id");
	}

	@Test
	void tamperedRowFailsLoudly() throws Exception {
		ActorKey key = new ActorKey("sys", "secret");
		JpaStatePersistence persistence = open(
				PersistenceSettings.defaults("node-a").withEncryption(StateEncryption.of(KEY_1, List.of())));
		persistence.stateStore().acquireLease(key);
		persistence.stateStore().write(key, null, state(7), 0);
		byte[] stored = storedBytes(key);
		stored[stored.length - 1] ^= 0x01;
		execute("UPDATE spawn_actor_snapshot SET state_bytes = ? WHERE actor_name = ?", stored, "secret");

		assertThatThrownBy(() -> persistence.stateStore().load(key)).isInstanceOf(StateStoreException.class)
			.hasMessageContaining("failed authentication");
	}

	@Test
	void rowCopiedOntoAnotherActorFailsLoudly() throws Exception {
		JpaStatePersistence persistence = open(
				PersistenceSettings.defaults("node-a").withEncryption(StateEncryption.of(KEY_1, List.of())));
		ActorKey alice = new ActorKey("sys", "alice");
		ActorKey mallory = new ActorKey("sys", "mallory");
		for (ActorKey key : List.of(alice, mallory)) {
			persistence.stateStore().acquireLease(key);
			persistence.stateStore().write(key, null, state(key == alice ? 1_000_000 : 1), 0);
		}
		execute("UPDATE spawn_actor_snapshot SET state_bytes = ? WHERE actor_name = ?", storedBytes(alice), "mallory");
		assertThatThrownBy(() -> persistence.stateStore().load(mallory)).isInstanceOf(StateStoreException.class);
	}

	@Test
	void keysRotateWithOldKeysKeptForReading() throws Exception {
		ActorKey key = new ActorKey("sys", "secret");
		JpaStatePersistence before = open(
				PersistenceSettings.defaults("node-a").withEncryption(StateEncryption.of(KEY_1, List.of())));
		before.stateStore().acquireLease(key);
		before.stateStore().write(key, null, state(1), 0);
		String oldKeyId = StateEncryption.of(KEY_1, List.of()).currentKeyId();

		JpaStatePersistence after = open(
				PersistenceSettings.defaults("node-a").withEncryption(StateEncryption.of(KEY_2, List.of(KEY_1))));
		StoredState read = after.stateStore().load(key).orElseThrow();
		assertThat(value(read)).isEqualTo(1);
		after.stateStore().write(key, null, state(2), read.revision());

		String newKeyId = StateEncryption.of(KEY_2, List.of()).currentKeyId();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement query = connection
					.prepareStatement("SELECT key_id FROM spawn_actor_snapshot WHERE actor_name = 'secret'");
				ResultSet rows = query.executeQuery()) {
			rows.next();
			assertThat(rows.getString(1)).isEqualTo(newKeyId).isNotEqualTo(oldKeyId);
		}
		JpaStatePersistence newOnly = open(
				PersistenceSettings.defaults("node-a").withEncryption(StateEncryption.of(KEY_2, List.of())));
		assertThat(value(newOnly.stateStore().load(key).orElseThrow())).isEqualTo(2);
	}

	@Test
	void badKeysAreRejectedWithAClearMessage() {
		assertThatThrownBy(() -> StateEncryption.of("not base64!", List.of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not valid base64");
		assertThatThrownBy(() -> StateEncryption.of(Base64.getEncoder().encodeToString(new byte[16]), List.of()))
			.hasMessageContaining("must be 32 bytes");
	}

	static InvocationRequest call(String actor, String action) {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName("sys"))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setName(actor).setSystem("sys")))
			.setActionName(action)
			.setNoop(Noop.getDefaultInstance())
			.setAsync(true)
			.build();
	}

	@Test
	void scheduledInvocationIsStoredBeforeScheduleReturnsAndFiresAtItsTime() throws Exception {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		JpaInvocationScheduler scheduler = (JpaInvocationScheduler) persistence.scheduler();
		List<ScheduledInvocation> fired = new CopyOnWriteArrayList<>();
		scheduler.start((invocation) -> fired.add(invocation));
		long due = this.clock.millis() + 5_000;

		scheduler.schedule(new ScheduledInvocation("delayed-1", call("counter", "add"), due, 0));
		assertThat(scheduler.size()).isEqualTo(1);

		this.clock.advance(Duration.ofMillis(4_900));
		scheduler.poll();
		assertThat(fired).isEmpty();
		this.clock.advance(Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			scheduler.poll();
			assertThat(fired).hasSize(1);
		});
		assertThat(fired.get(0).id()).isEqualTo("delayed-1");
		assertThat(fired.get(0).request().getActionName()).isEqualTo("add");
		await().until(() -> scheduler.size() == 0);
	}

	@Test
	void scheduledInvocationSurvivesARestart() throws Exception {
		JpaStatePersistence first = open(PersistenceSettings.defaults("node-a"));
		first.scheduler().schedule(new ScheduledInvocation("after-restart", call("counter", "add"),
				this.clock.millis() + 60_000, 0));
		first.close();
		this.toClose.remove(first);

		JpaStatePersistence second = open(PersistenceSettings.defaults("node-a"));
		JpaInvocationScheduler scheduler = (JpaInvocationScheduler) second.scheduler();
		List<String> fired = new CopyOnWriteArrayList<>();
		scheduler.start((invocation) -> fired.add(invocation.id()));
		scheduler.poll();
		assertThat(fired).as("not before its time").isEmpty();
		this.clock.advance(Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			scheduler.poll();
			assertThat(fired).containsExactly("after-restart");
		});
	}

	@Test
	void replicasPollingOneTableFireEachInvocationOnce() throws Exception {
		JpaStatePersistence nodeA = open(PersistenceSettings.defaults("node-a"));
		JpaStatePersistence nodeB = open(PersistenceSettings.defaults("node-b"));
		Map<String, AtomicInteger> fired = new ConcurrentHashMap<>();
		for (JpaStatePersistence node : List.of(nodeA, nodeB)) {
			node.scheduler().start((invocation) -> {
				fired.computeIfAbsent(invocation.id(), (id) -> new AtomicInteger()).incrementAndGet();
				return true;
			});
		}
		for (int i = 0; i < 300; i++) {
			nodeA.scheduler().schedule(new ScheduledInvocation("job-" + i, call("a" + i, "run"), this.clock.millis(), 0));
		}
		ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();
		try {
			List<Future<?>> polls = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				JpaInvocationScheduler scheduler = (JpaInvocationScheduler) ((i % 2 == 0) ? nodeA : nodeB).scheduler();
				polls.add(pollers.submit(scheduler::poll));
			}
			for (Future<?> poll : polls) {
				poll.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pollers.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			((JpaInvocationScheduler) nodeA.scheduler()).poll();
			assertThat(fired).hasSize(300);
		});
		assertThat(fired.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
	}

	@Test
	void timerRowRepeatsAndCanBeCancelled() throws Exception {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		JpaInvocationScheduler scheduler = (JpaInvocationScheduler) persistence.scheduler();
		AtomicInteger ticks = new AtomicInteger();
		scheduler.start((invocation) -> ticks.incrementAndGet() > 0);
		scheduler.schedule(new ScheduledInvocation("timer:sys/ticker/tick", call("ticker", "tick"),
				this.clock.millis() + 1_000, 1_000));
		for (int n = 1; n <= 3; n++) {
			this.clock.advance(Duration.ofSeconds(1));
			int expected = n;
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				scheduler.poll();
				assertThat(ticks).hasValue(expected);
			});
		}
		assertThat(scheduler.cancelAll(new ActorKey("sys", "ticker"))).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(5));
		scheduler.poll();
		assertThat(ticks).hasValue(3);
	}

	@Test
	void refusedDispatchIsRetriedLater() throws Exception {
		JpaStatePersistence persistence = open(PersistenceSettings.defaults("node-a"));
		JpaInvocationScheduler scheduler = (JpaInvocationScheduler) persistence.scheduler();
		AtomicInteger attempts = new AtomicInteger();
		scheduler.start((invocation) -> attempts.incrementAndGet() > 1);
		scheduler.schedule(new ScheduledInvocation("busy", call("counter", "add"), this.clock.millis(), 0));
		scheduler.poll();
		assertThat(attempts).hasValue(1);
		assertThat(scheduler.size()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			scheduler.poll();
			assertThat(attempts).hasValue(2);
			assertThat(scheduler.size()).isZero();
		});
	}

}
