package io.spawn.benchmarks;

import io.spawn.internal.runtime.RuntimeSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Benchmark 1: a counter actor called in embedded mode vs the same counter as a Pekko cluster-sharding entity
 * ({@code ask}, one node), over 1,000 actors at 1, 8 and 64 callers; and the p50 of one embedded call vs a bare
 * executor hand-off round trip. Both systems live in this JVM for the whole benchmark; each round runs Spawn
 * then Pekko at every caller count, so drift on the machine hits both.
 */
final class EmbeddedCallsBenchmark {

	static final int ACTORS = 1_000;

	static final int[] CALLERS = { 1, 8, 64, 64 };

	/** Callers of the last level run on virtual threads, as in an app with spring.threads.virtual.enabled. */
	static final boolean[] VIRTUAL = { false, false, false, true };

	private final Mode mode;

	private final Report report;

	private @Nullable Double pekkoAt64;

	EmbeddedCallsBenchmark(Mode mode, Report report) {
		this.mode = mode;
		this.report = report;
	}

	void run() throws Exception {
		String[] names = new String[ACTORS];
		for (int i = 0; i < ACTORS; i++) {
			names[i] = "counter-" + i;
		}
		try (SpawnNode spawn = SpawnNode.inMemory(RuntimeSettings.defaults());
				PekkoNode pekko = new PekkoNode(Duration.ofMinutes(10));
				ExecutorService virtualExecutor = Executors.newVirtualThreadPerTaskExecutor();
				ExecutorService platformExecutor = Executors.newSingleThreadExecutor()) {
			// Activate every actor on both sides before anything is timed.
			for (String name : names) {
				spawn.add(SpawnNode.COUNTER, name, 0);
				pekko.add(name, 0);
			}
			ClosedLoop.Call spawnCall = (caller, sequence) -> spawn.add(SpawnNode.COUNTER, pick(names), 1);
			ClosedLoop.Call pekkoCall = (caller, sequence) -> pekko.add(pick(names), 1);
			AtomicLong sink = new AtomicLong();
			ClosedLoop.Call virtualHandOff = (caller, sequence) -> virtualExecutor.submit(sink::incrementAndGet).get();
			ClosedLoop.Call platformHandOff = (caller, sequence) -> platformExecutor.submit(sink::incrementAndGet)
				.get();

			for (int c = 0; c < CALLERS.length; c++) {
				log("warm-up at %d %s callers", CALLERS[c], VIRTUAL[c] ? "virtual-thread" : "platform-thread");
				ClosedLoop.run("spawn", CALLERS[c], VIRTUAL[c], this.mode.warmup(), Duration.ofMillis(100), spawnCall);
				ClosedLoop.run("pekko", CALLERS[c], VIRTUAL[c], this.mode.warmup(), Duration.ofMillis(100), pekkoCall);
			}
			ClosedLoop.run("hand-off", 1, this.mode.warmup(), Duration.ofMillis(100), virtualHandOff);
			ClosedLoop.run("hand-off", 1, this.mode.warmup(), Duration.ofMillis(100), platformHandOff);

			Duration settle = Duration.ofMillis(300);
			Spread[][] spawnFigures = new Spread[CALLERS.length][3];
			Spread[][] pekkoFigures = new Spread[CALLERS.length][3];
			Spread[][] ratioFigures = new Spread[CALLERS.length][3];
			for (int c = 0; c < CALLERS.length; c++) {
				for (int f = 0; f < 3; f++) {
					spawnFigures[c][f] = new Spread();
					pekkoFigures[c][f] = new Spread();
					ratioFigures[c][f] = new Spread();
				}
			}
			Spread[] ratios = new Spread[CALLERS.length];
			for (int c = 0; c < CALLERS.length; c++) {
				ratios[c] = ratioFigures[c][0];
			}
			Spread spawnP50 = new Spread();
			Spread virtualP50 = new Spread();
			Spread platformP50 = new Spread();
			Spread virtualRatio = new Spread();
			Spread platformRatio = new Spread();
			for (int round = 1; round <= this.mode.rounds(); round++) {
				for (int c = 0; c < CALLERS.length; c++) {
					int callers = CALLERS[c];
					boolean virtual = VIRTUAL[c];
					ClosedLoop.Result a = ClosedLoop.run("spawn", callers, virtual, settle, this.mode.window(),
							spawnCall);
					ClosedLoop.Result b = ClosedLoop.run("pekko", callers, virtual, settle, this.mode.window(),
							pekkoCall);
					record(spawnFigures[c], a);
					record(pekkoFigures[c], b);
					ratioFigures[c][0].add(a.perSecond() / b.perSecond());
					ratioFigures[c][1].add(a.p50() / b.p50());
					ratioFigures[c][2].add(a.p99() / b.p99());
					log("round %d, %2d %s callers: spawn %,.0f/s p50 %.1f µs p99 %.1f µs | pekko %,.0f/s p50 %.1f µs p99 %.1f µs | %.2fx",
							round, callers, virtual ? "virtual" : "platform", a.perSecond(), a.p50() / 1e3, a.p99() / 1e3, b.perSecond(), b.p50() / 1e3,
							b.p99() / 1e3, a.perSecond() / b.perSecond());
				}
				// One call vs a bare hand-off, each from a single caller: A, B, C in every round.
				ClosedLoop.Result call = ClosedLoop.run("spawn", 1, settle, this.mode.window(), spawnCall);
				ClosedLoop.Result virtual = ClosedLoop.run("hand-off", 1, settle, this.mode.window(), virtualHandOff);
				ClosedLoop.Result platform = ClosedLoop.run("hand-off", 1, settle, this.mode.window(),
						platformHandOff);
				spawnP50.add(call.p50() / 1e3);
				virtualP50.add(virtual.p50() / 1e3);
				platformP50.add(platform.p50() / 1e3);
				virtualRatio.add(call.p50() / virtual.p50());
				platformRatio.add(call.p50() / platform.p50());
				log("round %d, one call p50 %.1f µs | virtual-thread hand-off %.1f µs (%.2fx) | platform-thread hand-off %.1f µs (%.2fx)",
						round, call.p50() / 1e3, virtual.p50() / 1e3, call.p50() / virtual.p50(), platform.p50() / 1e3,
						call.p50() / platform.p50());
			}
			this.pekkoAt64 = pekkoFigures[2][0].median();
			for (int c = 0; c < CALLERS.length; c++) {
				String at = " at " + CALLERS[c] + (VIRTUAL[c] ? " virtual-thread" : "") + " caller"
						+ (CALLERS[c] == 1 ? "" : "s");
				this.report.figure("1 embedded", "calls/s" + at, spawnFigures[c][0].format("%,.0f"),
						pekkoFigures[c][0].format("%,.0f"), ratios[c]);
				this.report.figure("1 embedded", "p50 µs" + at, spawnFigures[c][1].format("%.1f"),
						pekkoFigures[c][1].format("%.1f"), ratioFigures[c][1]);
				this.report.figure("1 embedded", "p99 µs" + at, spawnFigures[c][2].format("%.1f"),
						pekkoFigures[c][2].format("%.1f"), ratioFigures[c][2]);
			}
			this.report.figure("1 embedded", "one call p50 µs vs virtual-thread executor hand-off",
					spawnP50.format("%.1f"), virtualP50.format("%.1f"), virtualRatio);
			this.report.figure("1 embedded", "one call p50 µs vs platform-thread executor hand-off",
					spawnP50.format("%.1f"), platformP50.format("%.1f"), platformRatio);
			this.report.target("1: calls/s ≥ 0.8x Pekko at 1 caller", ratios[0].format("%.2fx"),
					ratios[0].median() >= 0.8);
			this.report.target("1: calls/s ≥ 1.0x Pekko at 8 callers", ratios[1].format("%.2fx"),
					ratios[1].median() >= 1.0);
			this.report.target("1: calls/s ≥ 1.0x Pekko at 64 callers", ratios[2].format("%.2fx"),
					ratios[2].median() >= 1.0);
			this.report.target("1 (extra): calls/s ≥ 1.0x Pekko at 64 virtual-thread callers",
					ratios[3].format("%.2fx"), ratios[3].median() >= 1.0);
			this.report.target("1: one-call p50 ≤ 2x executor hand-off (virtual thread)",
					virtualRatio.format("%.2fx"), virtualRatio.median() <= 2.0);
			this.report.target("1: one-call p50 ≤ 2x executor hand-off (platform thread)",
					platformRatio.format("%.2fx"), platformRatio.median() <= 2.0);
		}
	}

	/** Pekko's median calls/s at 64 platform-thread callers, once {@link #run()} has run. */
	@Nullable Double pekkoAt64() {
		return this.pekkoAt64;
	}

	private static String pick(String[] names) {
		return names[ThreadLocalRandom.current().nextInt(names.length)];
	}

	private static void record(Spread[] figures, ClosedLoop.Result result) {
		figures[0].add(result.perSecond());
		figures[1].add(result.p50() / 1e3);
		figures[2].add(result.p99() / 1e3);
	}

	static void log(String format, Object... args) {
		System.out.println("  " + String.format(Locale.ROOT, format, args));
	}

}
