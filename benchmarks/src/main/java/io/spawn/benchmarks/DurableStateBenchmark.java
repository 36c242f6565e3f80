package io.spawn.benchmarks;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.state.jpa.PersistenceSettings;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.protocol.actors.ActorState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Benchmark 3: durable state on one embedded PostgreSQL. Write-through calls/s at 1, 8 and 64 concurrent actors
 * vs a raw JDBC {@code INSERT ... ON CONFLICT} autocommit loop with as many threads on a pool of the same size;
 * write-behind state changes absorbed per second vs the same raw loop with {@code synchronous_commit = off};
 * and the write-behind call rate with persistence on vs off (in-memory store). Every round runs each pair
 * back to back.
 */
final class DurableStateBenchmark {

	static final int POOL_SIZE = 16;

	/** Group commits at once: {@code -Dspawn.bench.commit-slots}, else the store's default. */
	static final int COMMIT_SLOTS = Integer.getInteger("spawn.bench.commit-slots",
			PersistenceSettings.defaults("bench-node").commitSlots());

	static final int[] ACTORS = { 1, 8, 64 };

	static final int WRITE_BEHIND_ACTORS = 64;

	static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(1);

	private static final String RAW_UPSERT = "INSERT INTO bench_raw_state (actor_system, actor_name, revision,"
			+ " state_bytes, updated_at) VALUES (?, ?, 1, ?, ?) ON CONFLICT (actor_system, actor_name) DO UPDATE"
			+ " SET revision = bench_raw_state.revision + 1, state_bytes = EXCLUDED.state_bytes,"
			+ " updated_at = EXCLUDED.updated_at";

	private final Mode mode;

	private final Report report;

	DurableStateBenchmark(Mode mode, Report report) {
		this.mode = mode;
		this.report = report;
	}

	void run() throws Exception {
		Path results = Path.of("target", "benchmark-results");
		try (Postgres postgres = Postgres.start()) {
			String fsyncBefore = Postgres.fsyncRate(postgres.dataDirectory(), this.mode.fsyncSeconds(),
					results.resolve("pg_test_fsync-before-durable.txt"));
			log("pg_test_fsync before: %s", fsyncBefore);
			String serverSettings = postgres.durabilitySettings();
			log("%s", serverSettings);
			this.report.note("durable: " + serverSettings + "; pool size " + POOL_SIZE
					+ " for Spawn and for the raw loop; " + COMMIT_SLOTS + " commit slots");
			this.report.figure("3 durable", "disk fdatasync rate before (pg_test_fsync)", fsyncBefore);
			postgres.createDatabase("spawn_bench");
			HikariDataSource spawnPool = postgres.pool("spawn_bench", POOL_SIZE, true);
			HikariDataSource rawPool = postgres.pool("spawn_bench", POOL_SIZE, true);
			HikariDataSource rawAsyncPool = postgres.pool("spawn_bench", POOL_SIZE, false);
			Postgres.execute(rawPool, "CREATE TABLE bench_raw_state (actor_system VARCHAR(255) NOT NULL,"
					+ " actor_name VARCHAR(255) NOT NULL, revision BIGINT NOT NULL, state_bytes BYTEA NOT NULL,"
					+ " updated_at BIGINT NOT NULL, PRIMARY KEY (actor_system, actor_name))");
			RuntimeSettings settings = RuntimeSettings.defaults();
			try (SystemRuntimeClock clock = new SystemRuntimeClock();
					JpaStatePersistence persistence = JpaStatePersistence.start(spawnPool,
							PersistenceSettings.defaults("bench-node").withCommitSlots(COMMIT_SLOTS), clock);
					SpawnNode durable = new SpawnNode(clock, persistence.stateStore(), persistence.scheduler(),
							settings, SNAPSHOT_INTERVAL);
					SpawnNode memory = SpawnNode.inMemory(settings, SNAPSHOT_INTERVAL)) {
				ClosedLoop.Call writeThrough = (caller, sequence) -> durable.add(SpawnNode.DURABLE_COUNTER,
						"wt-" + caller, 1);
				ClosedLoop.Call writeBehind = (caller, sequence) -> durable.add(SpawnNode.COUNTER, "wb-" + caller, 1);
				ClosedLoop.Call writeBehindInMemory = (caller, sequence) -> memory.add(SpawnNode.COUNTER,
						"wb-" + caller, 1);
				ClosedLoop.Call raw = rawUpsert(rawPool);
				ClosedLoop.Call storeOnly = storeWrite(persistence);
				ClosedLoop.Call rawAsync = rawUpsert(rawAsyncPool);

				log("warm-up");
				for (int actors : ACTORS) {
					ClosedLoop.run("write-through", actors, this.mode.warmup(), Duration.ofMillis(100), writeThrough);
					ClosedLoop.run("raw", actors, this.mode.warmup(), Duration.ofMillis(100), raw);
					ClosedLoop.run("store", actors, this.mode.warmup(), Duration.ofMillis(100), storeOnly);
				}
				ClosedLoop.run("write-behind", WRITE_BEHIND_ACTORS, this.mode.warmup(), Duration.ofMillis(100),
						writeBehind);
				ClosedLoop.run("raw-async", WRITE_BEHIND_ACTORS, this.mode.warmup(), Duration.ofMillis(100), rawAsync);
				ClosedLoop.run("in-memory", WRITE_BEHIND_ACTORS, this.mode.warmup(), Duration.ofMillis(100),
						writeBehindInMemory);

				Duration settle = Duration.ofMillis(500);
				Duration window = this.mode.durableWindow();
				Spread[] throughRate = spreads(ACTORS.length);
				Spread[] rawRate = spreads(ACTORS.length);
				Spread[] throughRatio = spreads(ACTORS.length);
				Spread[] throughP50 = spreads(ACTORS.length);
				Spread[] rawP50 = spreads(ACTORS.length);
				Spread[] p50Ratio = spreads(ACTORS.length);
				Spread[] storeRatio = spreads(ACTORS.length);
				Spread[] storeRate = spreads(ACTORS.length);
				Spread behindRate = new Spread();
				Spread rawAsyncRate = new Spread();
				Spread memoryRate = new Spread();
				Spread behindRatio = new Spread();
				Spread onOffRatio = new Spread();
				Spread snapshotsPerSecond = new Spread();
				for (int round = 1; round <= this.mode.rounds(); round++) {
					for (int i = 0; i < ACTORS.length; i++) {
						int actors = ACTORS[i];
						ClosedLoop.Result a = ClosedLoop.run("write-through", actors, settle, window, writeThrough);
						ClosedLoop.Result b = ClosedLoop.run("raw", actors, settle, window, raw);
						ClosedLoop.Result c = ClosedLoop.run("store", actors, settle, window, storeOnly);
						storeRate[i].add(c.perSecond());
						storeRatio[i].add(c.perSecond() / b.perSecond());
						throughRate[i].add(a.perSecond());
						rawRate[i].add(b.perSecond());
						throughRatio[i].add(a.perSecond() / b.perSecond());
						throughP50[i].add(a.p50() / 1e3);
						rawP50[i].add(b.p50() / 1e3);
						p50Ratio[i].add(a.p50() / b.p50());
						log("round %d, %2d actors: write-through %,.0f calls/s (p50 %.0f µs) | raw upsert %,.0f commits/s (p50 %.0f µs) | %.2fx",
								round, actors, a.perSecond(), a.p50() / 1e3, b.perSecond(), b.p50() / 1e3,
								a.perSecond() / b.perSecond());
						log("round %d, %2d actors: store.write alone %,.0f writes/s (p50 %.0f µs) | %.2fx raw", round,
								actors, c.perSecond(), c.p50() / 1e3, c.perSecond() / b.perSecond());
					}
					long snapshotsBefore = durable.snapshots.get();
					ClosedLoop.Result a = ClosedLoop.run("write-behind", WRITE_BEHIND_ACTORS, settle, window,
							writeBehind);
					long snapshots = durable.snapshots.get() - snapshotsBefore;
					ClosedLoop.Result b = ClosedLoop.run("raw-async", WRITE_BEHIND_ACTORS, settle, window, rawAsync);
					ClosedLoop.Result c = ClosedLoop.run("in-memory", WRITE_BEHIND_ACTORS, settle, window,
							writeBehindInMemory);
					behindRate.add(a.perSecond());
					rawAsyncRate.add(b.perSecond());
					memoryRate.add(c.perSecond());
					behindRatio.add(a.perSecond() / b.perSecond());
					onOffRatio.add(a.perSecond() / c.perSecond());
					double snapshotRate = snapshots / (a.seconds() + settle.toMillis() / 1e3);
					snapshotsPerSecond.add(snapshotRate);
					log("round %d, %d actors: write-behind %,.0f changes/s (%,.0f snapshots/s) | raw upsert, synchronous_commit=off %,.0f/s (%.2fx) | persistence off %,.0f/s (on/off %.2fx)",
							round, WRITE_BEHIND_ACTORS, a.perSecond(), snapshotRate, b.perSecond(),
							a.perSecond() / b.perSecond(), c.perSecond(), a.perSecond() / c.perSecond());
				}
				verify(durable, persistence);

				for (int i = 0; i < ACTORS.length; i++) {
					String at = " at " + ACTORS[i] + " actor" + (ACTORS[i] == 1 ? "" : "s");
					this.report.figure("3 durable", "write-through calls/s vs raw upsert commits/s" + at,
							throughRate[i].format("%,.0f"), rawRate[i].format("%,.0f"), throughRatio[i]);
					this.report.figure("3 durable", "write-through p50 µs vs raw upsert p50 µs" + at,
							throughP50[i].format("%.0f"), rawP50[i].format("%.0f"), p50Ratio[i]);
					this.report.figure("3 durable", "  store.write alone (no runtime) writes/s vs raw upsert" + at,
							storeRate[i].format("%,.0f"), rawRate[i].format("%,.0f"), storeRatio[i]);
				}
				this.report.figure("3 durable",
						"write-behind changes/s vs raw upsert with synchronous_commit=off at " + WRITE_BEHIND_ACTORS,
						behindRate.format("%,.0f"), rawAsyncRate.format("%,.0f"), behindRatio);
				this.report.figure("3 durable", "write-behind calls/s, persistence on vs off at " + WRITE_BEHIND_ACTORS,
						behindRate.format("%,.0f"), memoryRate.format("%,.0f"), onOffRatio);
				this.report.figure("3 durable", "write-behind snapshots committed/s (changes coalesced per actor)",
						snapshotsPerSecond.format("%,.0f"));
				String loss = writeBehindLoss(durable, rawPool, window);
				this.report.figure("3 durable", "write-behind: how far the durable copy lags acknowledged state"
						+ " (what a crash loses), 1 actor, " + SNAPSHOT_INTERVAL.toMillis() + " ms snapshot interval", loss);
				this.report.target("3: write-through ≥ 0.8x raw at 1 actor", throughRatio[0].format("%.2fx"),
						throughRatio[0].median() >= 0.8);
				this.report.target("3: write-through ≥ 1.0x raw at 8 actors", throughRatio[1].format("%.2fx"),
						throughRatio[1].median() >= 1.0);
				this.report.target("3: write-through ≥ 1.0x raw at 64 actors", throughRatio[2].format("%.2fx"),
						throughRatio[2].median() >= 1.0);
				this.report.target("3: write-behind ≥ 0.7x raw synchronous_commit=off",
						behindRatio.format("%.2fx"), behindRatio.median() >= 0.7);
				this.report.target("3: call rate with persistence ≥ 0.95x persistence off", onOffRatio.format("%.2fx"),
						onOffRatio.median() >= 0.95);
			}
			String fsyncAfter = Postgres.fsyncRate(postgres.dataDirectory(), this.mode.fsyncSeconds(),
					results.resolve("pg_test_fsync-after-durable.txt"));
			log("pg_test_fsync after: %s", fsyncAfter);
			this.report.figure("3 durable", "disk fdatasync rate after (pg_test_fsync)", fsyncAfter);
		}
	}

	/** Checks that write-through really reached the table: the stored counter equals the live one. */
	private void verify(SpawnNode durable, JpaStatePersistence persistence) throws Exception {
		long live = durable.add(SpawnNode.DURABLE_COUNTER, "wt-0", 0);
		ActorState stored = persistence.stateStore()
			.load(new ActorKey(SpawnNode.SYSTEM, "wt-0"))
			.orElseThrow(() -> new IllegalStateException("wt-0 has no stored state"))
			.state();
		long persisted = stored.getState().unpack(Int64Value.class).getValue();
		String check = String.format(Locale.ROOT,
				"write-through check: actor wt-0 answered %,d and PostgreSQL holds %,d (%s)", live, persisted,
				(live == persisted) ? "equal" : "DIFFERENT");
		log(check);
		this.report.note(check);
	}

	/**
	 * Calls one write-behind actor as fast as one caller can for {@code window} while a sampler reads its row
	 * every 10 ms: at each sample, the age of the oldest acknowledged change the row does not hold yet is what a
	 * crash at that instant would lose.
	 */
	private static String writeBehindLoss(SpawnNode durable, HikariDataSource pool, Duration window)
			throws Exception {
		String actor = "wb-loss";
		AtomicLongArray ackedAt = new AtomicLongArray(8_000_000);
		AtomicLong latest = new AtomicLong();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread caller = Thread.ofPlatform().name("wb-loss-caller").start(() -> {
			while (running.get()) {
				long value = durable.add(SpawnNode.COUNTER, actor, 1);
				if (value < ackedAt.length()) {
					ackedAt.set((int) value, System.nanoTime());
					latest.set(value);
				}
			}
		});
		Histogram lag = new Histogram(60_000_000_000L, 3);
		long end = System.nanoTime() + Math.max(window.toNanos(), Duration.ofSeconds(3).toNanos());
		try (Connection connection = pool.getConnection();
				PreparedStatement query = connection.prepareStatement("SELECT state_bytes FROM spawn_actor_snapshot"
						+ " WHERE actor_system = ? AND actor_name = ?")) {
			query.setString(1, SpawnNode.SYSTEM);
			query.setString(2, actor);
			while (System.nanoTime() < end) {
				LockSupport.parkNanos(10_000_000);
				long acked = latest.get();
				long stored = 0;
				try (ResultSet rows = query.executeQuery()) {
					if (rows.next()) {
						stored = ActorState.parseFrom(rows.getBytes(1)).getState().unpack(Int64Value.class).getValue();
					}
				}
				long now = System.nanoTime();
				if (acked == 0) {
					continue;
				}
				long oldestMissing = stored + 1;
				lag.recordValue((stored >= acked || oldestMissing >= ackedAt.length()) ? 0
						: Math.max(0, now - ackedAt.get((int) oldestMissing)));
			}
		}
		finally {
			running.set(false);
			caller.join();
		}
		String figure = String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms over %,d samples",
				lag.getValueAtPercentile(50) / 1e6, lag.getValueAtPercentile(99) / 1e6, lag.getMaxValue() / 1e6,
				lag.getTotalCount());
		log("write-behind loss window: %s", figure);
		return figure;
	}

	/**
	 * The store without the runtime: each caller writes its own actor's snapshot through
	 * {@code JpaActorStateStore.write} on its own thread, as an actor's turn would, to split write-through's cost
	 * between the store and the runtime.
	 */
	private static ClosedLoop.Call storeWrite(JpaStatePersistence persistence) {
		long[] revisions = new long[1_024];
		return (caller, sequence) -> {
			ActorKey key = new ActorKey(SpawnNode.SYSTEM, "store-" + caller);
			if (revisions[caller] == 0) {
				persistence.stateStore().acquireLeaseAndLoad(key)
					.ifPresent((stored) -> revisions[caller] = stored.revision());
			}
			ActorState state = ActorState.newBuilder().setState(Any.pack(Int64Value.of(sequence))).build();
			revisions[caller] = persistence.stateStore().write(key, null, state, revisions[caller]);
		};
	}

	private static ClosedLoop.Call rawUpsert(HikariDataSource pool) {
		return (caller, sequence) -> {
			byte[] bytes = ActorState.newBuilder()
				.setState(Any.pack(Int64Value.of(sequence)))
				.build()
				.toByteArray();
			try (Connection connection = pool.getConnection();
					PreparedStatement upsert = connection.prepareStatement(RAW_UPSERT)) {
				upsert.setString(1, SpawnNode.SYSTEM);
				upsert.setString(2, "raw-" + caller);
				upsert.setBytes(3, bytes);
				upsert.setLong(4, System.currentTimeMillis());
				upsert.executeUpdate();
			}
		};
	}

	private static Spread[] spreads(int count) {
		Spread[] spreads = new Spread[count];
		for (int i = 0; i < count; i++) {
			spreads[i] = new Spread();
		}
		return spreads;
	}

	private static void log(String format, Object... args) {
		EmbeddedCallsBenchmark.log(format, args);
	}

}
