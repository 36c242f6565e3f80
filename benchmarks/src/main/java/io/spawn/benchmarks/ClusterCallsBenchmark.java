package io.spawn.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.StaticCluster;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 6: one actor system on two members. Spawn: two runtimes in this JVM, each with its own peer port,
 * membership in one embedded PostgreSQL, state in memory (so that the figure is routing, not persistence). Pekko:
 * two typed cluster-sharding nodes in this JVM over Artery. Callers enter through either member at random, so
 * about half of all calls are forwarded on both sides; 1,000 counters; 1, 8 and 64 callers, interleaved rounds.
 * Also: a call that enters at its actor's owner vs the same call on a single node.
 */
final class ClusterCallsBenchmark {

	static final int ACTORS = 1_000;

	static final int[] CALLERS = { 1, 8, 64 };

	private final Mode mode;

	private final Report report;

	ClusterCallsBenchmark(Mode mode, Report report) {
		this.mode = mode;
		this.report = report;
	}

	void run() throws Exception {
		String[] names = new String[ACTORS];
		for (int i = 0; i < ACTORS; i++) {
			names[i] = "counter-" + i;
		}
		RuntimeSettings settings = RuntimeSettings.defaults();
		try (Postgres postgres = Postgres.start()) {
			HikariDataSource pool = postgres.pool("postgres", 8, true);
			JpaStatePersistence.migrate(pool);
			int[] ports = { freePort(), freePort() };
			List<String> peers = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
			ClusterMember memberA = StaticCluster.member("bench", "a", peers, ports[0], Duration.ofMillis(500),
					Duration.ofSeconds(5), "127.0.0.1", pool);
			ClusterMember memberB = StaticCluster.member("bench", "b", peers, ports[1], Duration.ofMillis(500),
					Duration.ofSeconds(5), "127.0.0.1", pool);
			try (SpawnNode a = SpawnNode.clusterMember(settings, memberA);
					SpawnNode b = SpawnNode.clusterMember(settings, memberB);
					SpawnNode single = SpawnNode.inMemory(settings);
					PekkoNode pekkoA = new PekkoNode(Duration.ofMinutes(10));
					PekkoNode pekkoB = new PekkoNode(Duration.ofMinutes(10), pekkoA)) {
				memberA.join(a.runtime);
				memberB.join(b.runtime);
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while (memberA.membership().view().members().size() < 2
						|| memberB.membership().view().members().size() < 2) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("the two Spawn members did not see each other");
					}
					Thread.sleep(50);
				}
				SpawnNode[] spawn = { a, b };
				PekkoNode[] pekko = { pekkoA, pekkoB };
				for (int i = 0; i < ACTORS; i++) {
					spawn[i % 2].add(SpawnNode.COUNTER, names[i], 0);
					pekko[i % 2].add(names[i], 0);
					single.add(SpawnNode.COUNTER, names[i], 0);
				}
				List<String> ownedByA = new ArrayList<>();
				for (String name : names) {
					if (a.runtime.ownerOf(SpawnNode.SYSTEM, name).equals("a")) {
						ownedByA.add(name);
					}
				}
				String[] local = ownedByA.toArray(String[]::new);
				EmbeddedCallsBenchmark.log("%d of %d actors owned by member a", local.length, ACTORS);
				ClosedLoop.Call spawnCall = (caller, sequence) -> spawn[ThreadLocalRandom.current().nextInt(2)]
					.add(SpawnNode.COUNTER, pick(names), 1);
				ClosedLoop.Call pekkoCall = (caller, sequence) -> pekko[ThreadLocalRandom.current().nextInt(2)]
					.add(pick(names), 1);
				ClosedLoop.Call atOwner = (caller, sequence) -> a.add(SpawnNode.COUNTER, pick(local), 1);
				ClosedLoop.Call singleCall = (caller, sequence) -> single.add(SpawnNode.COUNTER, pick(local), 1);
				for (int callers : CALLERS) {
					ClosedLoop.run("spawn", callers, this.mode.warmup(), Duration.ofMillis(100), spawnCall);
					ClosedLoop.run("pekko", callers, this.mode.warmup(), Duration.ofMillis(100), pekkoCall);
				}
				ClosedLoop.run("owner", 8, this.mode.warmup(), Duration.ofMillis(100), atOwner);
				ClosedLoop.run("single", 8, this.mode.warmup(), Duration.ofMillis(100), singleCall);
				Duration settle = Duration.ofMillis(300);
				Spread[] ratios = new Spread[CALLERS.length];
				Spread[] spawnRates = new Spread[CALLERS.length];
				Spread[] pekkoRates = new Spread[CALLERS.length];
				for (int c = 0; c < CALLERS.length; c++) {
					ratios[c] = new Spread();
					spawnRates[c] = new Spread();
					pekkoRates[c] = new Spread();
				}
				Spread ownerRatio = new Spread();
				Spread ownerRate = new Spread();
				Spread singleRate = new Spread();
				for (int round = 1; round <= this.mode.rounds(); round++) {
					for (int c = 0; c < CALLERS.length; c++) {
						ClosedLoop.Result s = ClosedLoop.run("spawn", CALLERS[c], settle, this.mode.window(), spawnCall);
						ClosedLoop.Result p = ClosedLoop.run("pekko", CALLERS[c], settle, this.mode.window(), pekkoCall);
						spawnRates[c].add(s.perSecond());
						pekkoRates[c].add(p.perSecond());
						ratios[c].add(s.perSecond() / p.perSecond());
						EmbeddedCallsBenchmark.log(
								"round %d, %2d callers: spawn routed %,.0f/s p50 %.0f µs | pekko routed %,.0f/s p50 %.0f µs | %.2fx",
								round, CALLERS[c], s.perSecond(), s.p50() / 1e3, p.perSecond(), p.p50() / 1e3,
								s.perSecond() / p.perSecond());
					}
					ClosedLoop.Result owner = ClosedLoop.run("owner", 8, settle, this.mode.window(), atOwner);
					ClosedLoop.Result one = ClosedLoop.run("single", 8, settle, this.mode.window(), singleCall);
					ownerRate.add(owner.perSecond());
					singleRate.add(one.perSecond());
					ownerRatio.add(one.perSecond() / owner.perSecond());
					EmbeddedCallsBenchmark.log("round %d, 8 callers entering at the owner %,.0f/s | single node %,.0f/s | cost %.2fx",
							round, owner.perSecond(), one.perSecond(), one.perSecond() / owner.perSecond());
				}
				for (int c = 0; c < CALLERS.length; c++) {
					this.report.figure("6 cluster", "calls/s across two members at " + CALLERS[c] + " caller"
							+ (CALLERS[c] == 1 ? "" : "s"), spawnRates[c].format("%,.0f"),
							pekkoRates[c].format("%,.0f"), ratios[c]);
					this.report.target(String.format(Locale.ROOT,
							"6: routed calls/s ≥ 0.5x Pekko two-node sharding at %d callers", CALLERS[c]),
							ratios[c].format("%.2fx"), ratios[c].median() >= 0.5);
				}
				this.report.figure("6 cluster", "8 callers: single node calls/s vs entering at the owner",
						singleRate.format("%,.0f"), ownerRate.format("%,.0f"), ownerRatio);
				this.report.target("6: a call entering at its owner costs ≤ 1.1x a single node's",
						ownerRatio.format("%.2fx"), ownerRatio.median() <= 1.1);
			}
			finally {
				memberA.close();
				memberB.close();
			}
		}
	}

	private static String pick(String[] names) {
		return names[ThreadLocalRandom.current().nextInt(names.length)];
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
