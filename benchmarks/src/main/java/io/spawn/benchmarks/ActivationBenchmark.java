package io.spawn.benchmarks;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.state.jpa.PersistenceSettings;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.protocol.actors.ActorState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.HdrHistogram.Histogram;

/**
 * Benchmark 4a: cold activation from PostgreSQL. N actors have a stored snapshot and are not in memory (as after
 * passivation: snapshot row kept, lease row gone). For each, one caller times the first call (activation: lease,
 * load, then the call) and at once a second, warm call; cold activation = first minus warm. Two nodes run it,
 * in alternating chunks: one whose connections commit synchronously (PostgreSQL's default) and one with
 * {@code synchronous_commit = off}, to show what the lease commit's WAL flush costs.
 */
final class ActivationBenchmark {

	private static final int POOL_SIZE = 16;

	private static final long SEEDED_VALUE = 41;

	private final Mode mode;

	private final Report report;

	ActivationBenchmark(Mode mode, Report report) {
		this.mode = mode;
		this.report = report;
	}

	private record Variant(String label, String prefix, SpawnNode node, TimedStateStore store, Histogram cold,
			Histogram first, Histogram warm, Histogram lease, Histogram load, Spread chunkP50) {

		Variant(String label, String prefix, SpawnNode node, TimedStateStore store) {
			this(label, prefix, node, store, histogram(), histogram(), histogram(), histogram(), histogram(),
					new Spread());
		}

	}

	void run() throws Exception {
		int actors = this.mode.coldActors();
		int warmActors = Math.min(1_000, actors);
		try (Postgres postgres = Postgres.start()) {
			postgres.createDatabase("spawn_activation");
			String serverSettings = postgres.durabilitySettings();
			log("%s", serverSettings);
			this.report.note("activation: " + serverSettings);
			HikariDataSource sync = postgres.pool("spawn_activation", POOL_SIZE, true);
			HikariDataSource async = postgres.pool("spawn_activation", POOL_SIZE, false);
			JpaStatePersistence.migrate(sync);
			long seeding = System.nanoTime();
			seed(sync, "sync-", actors + warmActors);
			seed(sync, "async-", actors + warmActors);
			Postgres.execute(sync, "ANALYZE");
			log("seeded %,d snapshots in %.1f s", 2 * (actors + warmActors), (System.nanoTime() - seeding) / 1e9);
			RuntimeSettings settings = RuntimeSettings.defaults();
			try (SystemRuntimeClock clock = new SystemRuntimeClock();
					JpaStatePersistence syncPersistence = JpaStatePersistence.start(sync,
							PersistenceSettings.defaults("bench-sync"), clock);
					JpaStatePersistence asyncPersistence = JpaStatePersistence.start(async,
							PersistenceSettings.defaults("bench-async"), clock)) {
				TimedStateStore syncStore = new TimedStateStore(syncPersistence.stateStore());
				TimedStateStore asyncStore = new TimedStateStore(asyncPersistence.stateStore());
				try (SpawnNode syncNode = new SpawnNode(clock, syncStore, syncPersistence.scheduler(), settings,
						settings.defaultSnapshotInterval());
						SpawnNode asyncNode = new SpawnNode(clock, asyncStore, asyncPersistence.scheduler(), settings,
								settings.defaultSnapshotInterval())) {
					Variant on = new Variant("synchronous_commit=on (default)", "sync-", syncNode, syncStore);
					Variant off = new Variant("synchronous_commit=off", "async-", asyncNode, asyncStore);
					log("warm-up: %,d activations on each node", warmActors);
					measure(on, actors, actors + warmActors, false);
					measure(off, actors, actors + warmActors, false);
					int chunk = Math.max(1, actors / this.mode.rounds());
					for (int from = 0; from < actors; from += chunk) {
						int to = Math.min(actors, from + chunk);
						measure(on, from, to, true);
						measure(off, from, to, true);
						log("activated %,d of %,d per node: cold p50 %.0f µs (sync) / %.0f µs (async)", to, actors,
								on.cold().getValueAtPercentile(50) / 1e3, off.cold().getValueAtPercentile(50) / 1e3);
					}
					for (Variant variant : new Variant[] { on, off }) {
						this.report.figure("4 activation",
								"cold activation p50 / p99 over " + String.format("%,d", actors) + " actors, "
										+ variant.label(),
								String.format("%.0f µs / %.0f µs", variant.cold().getValueAtPercentile(50) / 1e3,
										variant.cold().getValueAtPercentile(99) / 1e3));
						this.report.figure("4 activation", "  cold p50 µs per interleaved chunk, " + variant.label(),
								variant.chunkP50().format("%.0f"));
						this.report.figure("4 activation", "  first call / warm call p50, " + variant.label(),
								String.format("%.0f µs / %.0f µs", variant.first().getValueAtPercentile(50) / 1e3,
										variant.warm().getValueAtPercentile(50) / 1e3));
						this.report.figure("4 activation", "  of which lease with the snapshot read / separate load p50 (p99), " + variant.label(),
								String.format("%.0f µs (%.0f) / %.0f µs (%.0f)",
										variant.lease().getValueAtPercentile(50) / 1e3,
										variant.lease().getValueAtPercentile(99) / 1e3,
										variant.load().getValueAtPercentile(50) / 1e3,
										variant.load().getValueAtPercentile(99) / 1e3));
					}
					for (Variant variant : new Variant[] { on, off }) {
						int active = variant.node().runtime.activeActors();
						long start = System.nanoTime();
						boolean clean = variant.node().shutdown(this.mode.shutdownTimeout());
						double seconds = (System.nanoTime() - start) / 1e9;
						log("graceful shutdown with %,d active actors, %s: %.1f s%s", active, variant.label(), seconds,
								clean ? "" : " (NOT clean: actors still active at the timeout)");
						int left = variant.node().runtime.activeActors();
						this.report.figure("4 activation", String.format(
								"graceful shutdown with %,d active actors (one lease-release commit each), %s", active,
								variant.label()),
								clean ? String.format("%.1f s (%,.0f actors/s)", seconds, active / seconds)
										: String.format("gave up after %.1f s with %,d actors still active", seconds,
												left));
					}
					double p50 = on.cold().getValueAtPercentile(50) / 1e6;
					this.report.target("4: cold activation p50 ≤ 1 ms (synchronous_commit=on)",
							String.format("%.2f ms (p99 %.2f ms; chunk p50s %s µs)", p50,
									on.cold().getValueAtPercentile(99) / 1e6, on.chunkP50().format("%.0f")),
							p50 <= 1.0);
				}
			}
		}
	}

	/** Activates actors {@code from} to {@code to} one at a time, timing the first and a warm call. */
	private static void measure(Variant variant, int from, int to, boolean record) {
		variant.store().reset();
		Histogram chunk = histogram();
		for (int i = from; i < to; i++) {
			String name = variant.prefix() + i;
			long start = System.nanoTime();
			long first = variant.node().add(SpawnNode.COUNTER, name, 1);
			long middle = System.nanoTime();
			variant.node().add(SpawnNode.COUNTER, name, 1);
			long end = System.nanoTime();
			if (first != SEEDED_VALUE + 1) {
				throw new IllegalStateException(name + " did not load its stored state: answered " + first);
			}
			if (record) {
				long firstCall = middle - start;
				long warmCall = end - middle;
				variant.first().recordValue(firstCall);
				variant.warm().recordValue(warmCall);
				variant.cold().recordValue(Math.max(0, firstCall - warmCall));
				chunk.recordValue(Math.max(0, firstCall - warmCall));
			}
		}
		if (record) {
			variant.chunkP50().add(chunk.getValueAtPercentile(50) / 1e3);
			variant.lease().add(variant.store().lease);
			variant.load().add(variant.store().load);
		}
	}

	/**
	 * Writes passivated actors' snapshots straight into Spawn's table in the format the store writes (the
	 * protobuf bytes of an {@code ActorState}, no encryption): far faster than activating and passivating each.
	 */
	private static void seed(HikariDataSource pool, String prefix, int count) throws Exception {
		byte[] state = ActorState.newBuilder().setState(Any.pack(Int64Value.of(SEEDED_VALUE))).build().toByteArray();
		String typeUrl = Any.pack(Int64Value.of(SEEDED_VALUE)).getTypeUrl();
		long now = System.currentTimeMillis();
		try (Connection connection = pool.getConnection();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO spawn_actor_snapshot"
						+ " (actor_system, actor_name, parent, revision, state_type, state_bytes, tags, key_id, status,"
						+ " node, created_at, updated_at) SELECT ?, ? || g, ?, 1, ?, ?, '{}', NULL, 'ACTIVE', 'seed', ?, ?"
						+ " FROM generate_series(0, ?) g")) {
			insert.setString(1, SpawnNode.SYSTEM);
			insert.setString(2, prefix);
			insert.setString(3, SpawnNode.COUNTER);
			insert.setString(4, typeUrl);
			insert.setBytes(5, state);
			insert.setLong(6, now);
			insert.setLong(7, now);
			insert.setInt(8, count - 1);
			insert.executeUpdate();
		}
	}

	private static Histogram histogram() {
		return new Histogram(60_000_000_000L, 3);
	}

	private static void log(String format, Object... args) {
		EmbeddedCallsBenchmark.log(format, args);
	}

}
