package io.spawn.internal.runtime;

import static io.spawn.internal.runtime.RuntimeFixture.SYSTEM;
import static io.spawn.internal.runtime.RuntimeFixture.actor;
import static io.spawn.internal.runtime.RuntimeFixture.named;
import static io.spawn.internal.runtime.RuntimeFixture.request;
import static io.spawn.internal.runtime.RuntimeFixture.snapshot;
import static io.spawn.internal.runtime.RuntimeFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Int64Value;
import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.StoredState;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.state.jpa.PersistenceSettings;
import io.spawn.internal.state.jpa.TestDatabases;
import io.spawn.internal.time.ManualRuntimeClock;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.Kind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime on the durable store, on a real PostgreSQL server: what users rely on when a process or the
 * database fails.
 */
class DurableRuntimeIntegrationTests {

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.toClose.size() - 1; i >= 0; i--) {
			this.toClose.get(i).close();
		}
	}

	private <T extends AutoCloseable> T closeLater(T closeable) {
		this.toClose.add(closeable);
		return closeable;
	}

	private RuntimeFixture node(HikariDataSource database, String nodeId, ManualRuntimeClock clock) {
		JpaStatePersistence persistence = closeLater(
				JpaStatePersistence.start(database, PersistenceSettings.defaults(nodeId), clock));
		RuntimeFixture fixture = new RuntimeFixture(clock, persistence.stateStore(), persistence.scheduler());
		this.toClose.add(() -> fixture.runtime.shutdown(Duration.ofSeconds(5)));
		fixture.host.on("ledger", "add", ScriptedHost::add).on("account", "add", ScriptedHost::add);
		var ledger = named("ledger", "add");
		ledger.getMetadataBuilder().putTags("spawn.write-through", "true");
		fixture.register(ledger, snapshot(actor("account", Kind.UNNAMED, "add"), 60_000));
		return fixture;
	}

	private static ManualRuntimeClock clock() {
		return new ManualRuntimeClock(Instant.parse("2026-01-01T00:00:00Z"));
	}

	private static long stored(JpaStatePersistence persistence, String actor) throws Exception {
		return persistence.stateStore().load(new ActorKey(SYSTEM, actor)).orElseThrow().state().getState()
			.unpack(Int64Value.class).getValue();
	}

	@Test
	void secondNodeCannotRunAnActorAnotherNodeLeasesAndAStaleCopyNeverOverwrites() {
		HikariDataSource database = closeLater(TestDatabases.postgresDatabase());
		ManualRuntimeClock clockA = clock();
		ManualRuntimeClock clockB = clock();
		RuntimeFixture nodeA = node(database, "node-a", clockA);
		RuntimeFixture nodeB = node(database, "node-b", clockB);

		assertThat(value(nodeA.call("ledger", "add", 10))).isEqualTo(10);
		InvocationResult refused = nodeB.call("ledger", "add", 1);
		assertThat(refused.status()).isEqualTo(InvocationStatus.UNAVAILABLE);
		assertThat(refused.message()).contains("active on node 'node-a'");

		// Node A goes quiet (no renewals on its still clock); node B sees the lease expire and takes over.
		clockB.advance(Duration.ofSeconds(16));
		assertThat(value(nodeB.call("ledger", "add", 5))).isEqualTo(15);

		InvocationResult stale = nodeA.call("ledger", "add", 100);
		assertThat(stale.status()).isEqualTo(InvocationStatus.STATE_CONFLICT);
		assertThat(value(nodeB.call("ledger", "get"))).isEqualTo(15);
		assertThat(nodeA.call("ledger", "add", 100).status()).as("the discarded copy cannot come back")
			.isEqualTo(InvocationStatus.UNAVAILABLE);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "h2", "postgresql" })
	void deletedStateLeavesNoRowNorHistoryAndIsNeverDeletedUnderTheLeaseHolder(String databaseName) {
		HikariDataSource database = closeLater(
				databaseName.equals("h2") ? TestDatabases.h2() : TestDatabases.postgresDatabase());
		ManualRuntimeClock clockA = clock();
		ManualRuntimeClock clockB = clock();
		RuntimeFixture nodeA = node(database, "node-a", clockA);
		RuntimeFixture nodeB = node(database, "node-b", clockB);
		ActorKey ledger = new ActorKey(SYSTEM, "ledger");
		nodeA.call("ledger", "add", 10);
		nodeA.call("ledger", "add", 5);
		assertThat(nodeA.store.load(ledger, 1)).isPresent();

		InvocationResult refused = nodeB.runtime.deleteState(SYSTEM, "ledger").join();
		assertThat(refused.status()).isEqualTo(InvocationStatus.UNAVAILABLE);
		assertThat(refused.message()).contains("active on node 'node-a'");
		assertThat(nodeA.store.load(ledger).orElseThrow().revision()).as("the holder's state is kept").isEqualTo(2);

		InvocationResult deleted = nodeA.runtime.deleteState(SYSTEM, "ledger").join();

		assertThat(deleted.ok()).as(deleted.message()).isTrue();
		assertThat(nodeA.store.load(ledger)).isEmpty();
		assertThat(nodeA.store.load(ledger, 1)).as("history goes with the row").isEmpty();
		assertThat(nodeA.store.load(ledger, 2)).isEmpty();
		assertThat(value(nodeA.call("ledger", "add", 1))).as("the next call starts from the initial state")
			.isEqualTo(1);
		assertThat(nodeA.store.load(ledger).orElseThrow().revision()).isEqualTo(1);
	}

	@Test
	void writeThroughStateSurvivesKillDashNine() throws Exception {
		HikariDataSource database = closeLater(TestDatabases.postgresDatabase());
		JpaStatePersistence.migrate(database);
		String url = database.getJdbcUrl();
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), WriteThroughChild.class.getName(), url)
			.redirectErrorStream(false)
			.start();
		long lastAck = 0;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (line.startsWith("ACK ")) {
					lastAck = Long.parseLong(line.substring(4).strip());
					if (lastAck >= 200) {
						break;
					}
				}
			}
			// Through the handle: Process.destroyForcibly would also close the pipe that is read below.
			child.toHandle().destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
			// The child kept calling until the kill landed: its last acknowledgement is the last line it printed.
			while ((line = out.readLine()) != null) {
				if (line.startsWith("ACK ")) {
					// max: a line cut short by the kill reads as a smaller number
					lastAck = Math.max(lastAck, Long.parseLong(line.substring(4).strip()));
				}
			}
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(lastAck).as("the child acknowledged calls").isGreaterThanOrEqualTo(200);

		JpaStatePersistence reader = closeLater(
				JpaStatePersistence.start(database, PersistenceSettings.defaults("reader"), clock()));
		long survived = stored(reader, "ledger");
		assertThat(survived).as("every acknowledged write-through state is durable").isGreaterThanOrEqualTo(lastAck);
		assertThat(survived).as("at most the one call in flight when killed").isLessThanOrEqualTo(lastAck + 1);
	}

	@Test
	void writeBehindStateIsFlushedOnGracefulShutdown() throws Exception {
		HikariDataSource database = closeLater(TestDatabases.postgresDatabase());
		RuntimeFixture node = node(database, "node-a", clock());
		for (int i = 0; i < 20; i++) {
			node.runtime.invoke(request("acct-" + i, "add").setValue(ScriptedHost.number(i + 1)).setRegisterRef("account")
				.build());
		}
		assertThat(node.runtime.shutdown(Duration.ofSeconds(10))).isTrue();

		JpaStatePersistence reader = closeLater(
				JpaStatePersistence.start(database, PersistenceSettings.defaults("reader"), clock()));
		for (int i = 0; i < 20; i++) {
			assertThat(stored(reader, "acct-" + i)).isEqualTo(i + 1);
		}
	}

	@Test
	void delayedCallScheduledBeforeAFullRestartFiresAfterItAndNotBefore() throws Exception {
		HikariDataSource database = closeLater(TestDatabases.postgresDatabase());
		ManualRuntimeClock clock = clock();
		JpaStatePersistence first = JpaStatePersistence.start(database, PersistenceSettings.defaults("node-a"), clock);
		RuntimeFixture before = new RuntimeFixture(clock, first.stateStore(), first.scheduler());
		before.host.on("ledger", "add", ScriptedHost::add);
		var ledger = named("ledger", "add");
		ledger.getMetadataBuilder().putTags("spawn.write-through", "true");
		before.register(ledger);
		long due = clock.millis() + 30_000;
		assertThat(before.runtime.invoke(request("ledger", "add").setValue(ScriptedHost.number(7)).setScheduledTo(due)
			.build()).ok()).isTrue();
		before.runtime.shutdown(Duration.ofSeconds(5));
		first.close();

		RuntimeFixture after = node(database, "node-a", clock);
		clock.advance(Duration.ofSeconds(29));
		Thread.yield();
		assertThat(after.host.received("ledger")).as("not before its time").isEmpty();
		clock.advance(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			clock.advance(Duration.ofMillis(250));
			assertThat(after.host.received("ledger")).hasSize(1);
		});
		assertThat(value(after.call("ledger", "get"))).isEqualTo(7);
	}

	@Test
	void spawnWithRevisionRestoresFromTheDatabaseHistory() throws Exception {
		HikariDataSource database = closeLater(TestDatabases.postgresDatabase());
		ManualRuntimeClock clock = clock();
		RuntimeFixture node = node(database, "node-a", clock);
		node.host.on("account", "set",
				(i) -> ScriptedHost.reply(i, ScriptedHost.input(i), ScriptedHost.number(0)).setCheckpoint(true).build());
		node.register(actor("account", Kind.UNNAMED, "set"));
		for (long amount : new long[] { 100, 200, 300 }) {
			node.runtime.invoke(request("acct-1", "set").setValue(ScriptedHost.number(amount)).setRegisterRef("account")
				.build());
		}
		node.runtime.shutdown(Duration.ofSeconds(5));

		RuntimeFixture restarted = node(database, "node-a", clock);
		restarted.host.on("account", "set", ScriptedHost::add);
		restarted.runtime.spawn(SYSTEM, SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setName("acct-1").setParent("account"))
			.build(), 2L);
		assertThat(value(restarted.call("acct-1", "get"))).isEqualTo(200);
	}

	@Test
	void databaseOutageFailsCallsFastAndLosesNoAcknowledgedState() throws Exception {
		Path data = Files.createTempDirectory("spawn-pg-outage");
		// Not cleaned: the restarted server must find the same data directory.
		EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
		int port = server.getPort();
		HikariDataSource database = closeLater(
				TestDatabases.pool(server.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"));
		RuntimeFixture node = node(database, "node-a", clock());
		var actors = new io.spawn.protocol.actors.Actor.Builder[8];
		for (int i = 0; i < 8; i++) {
			actors[i] = named("w" + i, "add");
			actors[i].getMetadataBuilder().putTags("spawn.write-through", "true");
			node.host.on("w" + i, "add", ScriptedHost::add);
		}
		node.register(actors);

		Map<String, Long> acknowledged = new ConcurrentHashMap<>();
		AtomicInteger failures = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String actor = "w" + i;
			workers.add(load.submit(() -> {
				while (running.get()) {
					InvocationResult result = node.runtime.invokeAsync(
							request(actor, "add").setValue(ScriptedHost.number(1)).build()).get(20, TimeUnit.SECONDS);
					if (result.ok()) {
						acknowledged.merge(actor, value(result), Math::max);
					}
					else {
						failures.incrementAndGet();
						// Pace retries during the outage, as a client with backoff would.
						java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
					}
				}
				return null;
			}));
		}
		try {
			outageAndRecovery(server, data, port, acknowledged, failures);
		}
		finally {
			running.set(false);
			for (Future<?> worker : workers) {
				worker.get(60, TimeUnit.SECONDS);
			}
			load.shutdown();
		}

		JpaStatePersistence reader = closeLater(
				JpaStatePersistence.start(database, PersistenceSettings.defaults("reader"), clock()));
		for (Map.Entry<String, Long> entry : acknowledged.entrySet()) {
			assertThat(stored(reader, entry.getKey())).as(entry.getKey()).isGreaterThanOrEqualTo(entry.getValue());
		}
	}

	private void outageAndRecovery(EmbeddedPostgres server, Path data, int port, Map<String, Long> acknowledged,
			AtomicInteger failures) throws Exception {
		await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.values().stream().mapToLong(Long::longValue).sum() > 200);

		server.close();
		int failuresAtOutage = failures.get();
		await().atMost(Duration.ofSeconds(20)).alias("calls fail during the outage instead of hanging")
			.until(() -> failures.get() > failuresAtOutage + 8);

		EmbeddedPostgres restarted = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setPort(port)
			.start();
		this.toClose.add(0, restarted);
		Map<String, Long> beforeRecovery = Map.copyOf(acknowledged);
		await().atMost(Duration.ofSeconds(60)).alias("the store recovers without restarting the JVM")
			.until(() -> acknowledged.entrySet().stream().allMatch((e) -> e.getValue() > beforeRecovery.getOrDefault(e.getKey(), 0L)));
	}

	@Test
	void twoHundredThousandActorsReadBackTheirOwnValues() throws Exception {
		HikariDataSource database = closeLater(TestDatabases.postgresDatabase());
		JpaStatePersistence persistence = closeLater(
				JpaStatePersistence.start(database, PersistenceSettings.defaults("node-a"), clock()));
		int actors = 200_000;
		ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
		try {
			List<Future<?>> done = new ArrayList<>();
			int slices = 64;
			for (int slice = 0; slice < slices; slice++) {
				int first = slice;
				done.add(workers.submit(() -> {
					for (int i = first; i < actors; i += slices) {
						ActorKey key = new ActorKey(SYSTEM, "actor-" + i);
						persistence.stateStore().acquireLease(key);
						persistence.stateStore().write(key, null, io.spawn.protocol.actors.ActorState.newBuilder()
							.setState(com.google.protobuf.Any.pack(Int64Value.of(i)))
							.build(), 0);
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(10, TimeUnit.MINUTES);
			}
			List<Future<Integer>> checks = new ArrayList<>();
			for (int slice = 0; slice < 16; slice++) {
				int first = slice;
				checks.add(workers.submit(() -> {
					int wrong = 0;
					for (int i = first; i < actors; i += 16) {
						StoredState stored = persistence.stateStore().load(new ActorKey(SYSTEM, "actor-" + i)).orElseThrow();
						if (stored.state().getState().unpack(Int64Value.class).getValue() != i) {
							wrong++;
						}
					}
					return wrong;
				}));
			}
			for (Future<Integer> check : checks) {
				assertThat(check.get(10, TimeUnit.MINUTES)).isZero();
			}
		}
		finally {
			workers.shutdownNow();
		}
	}

}
