package io.spawn.benchmarks;

import io.spawn.benchmarks.UserCounterActor.Add;
import io.spawn.client.ActorRefs;
import io.spawn.client.SpawnClient;
import io.spawn.internal.runtime.RuntimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The user path (issue 14): an {@code @Actor} bean with record state called as a user calls it,
 * {@code counters.get(id).call(UserCounterActor::add, new Add(1))} through {@link ActorRefs} in embedded mode (a
 * Spring Boot context with the starter, in-memory state store, and a second one writing behind to PostgreSQL), over
 * 1,000 actors, and 64 callers on one hot actor; against the Pekko counter of
 * benchmark 1 and, to split the starter's share from the runtime's, benchmark 1's own Spawn side (the runtime with a
 * protobuf lambda host). All three live in this JVM; each round runs user path, Pekko, runtime at every caller
 * count, so drift on the machine hits all three. With {@code -Dbench.user.jfr=true} a JFR recording (profile
 * settings) of the user path at 64 platform callers follows the rounds, written to
 * {@code target/benchmark-results/user-path-64.jfr}.
 */
final class UserPathBenchmark {

	private static final String BENCH = "user path";

	private final Mode mode;

	private final Report report;

	UserPathBenchmark(Mode mode, Report report) {
		this.mode = mode;
		this.report = report;
	}

	void run() throws Exception {
		int actors = EmbeddedCallsBenchmark.ACTORS;
		int[] callers = EmbeddedCallsBenchmark.CALLERS;
		boolean[] virtual = EmbeddedCallsBenchmark.VIRTUAL;
		String[] names = new String[actors];
		for (int i = 0; i < actors; i++) {
			names[i] = "counter-" + i;
		}
		try (ConfigurableApplicationContext app = UserPathApplication.start();
				Postgres postgres = Postgres.start();
				SpawnNode runtime = SpawnNode.inMemory(RuntimeSettings.defaults());
				PekkoNode pekko = new PekkoNode(Duration.ofMinutes(10))) {
			postgres.createDatabase("user_path");
			try (ConfigurableApplicationContext durableApp = UserPathApplication
				.startOnPostgres(postgres.jdbcUrl("user_path"))) {
				run(app, durableApp, runtime, pekko, names, actors, callers, virtual);
			}
		}
	}

	private void run(ConfigurableApplicationContext app, ConfigurableApplicationContext durableApp, SpawnNode runtime,
			PekkoNode pekko, String[] names, int actors, int[] callers, boolean[] virtual) throws Exception {
		{
			ActorRefs<UserCounterActor> counters = app.getBean(SpawnClient.class).refs(UserCounterActor.class);
			ActorRefs<UserCounterActor> durable = durableApp.getBean(SpawnClient.class).refs(UserCounterActor.class);
			Add one = new Add(1);
			for (String name : names) {
				counters.get(name).call(UserCounterActor::add, new Add(0));
				durable.get(name).call(UserCounterActor::add, new Add(0));
				runtime.add(SpawnNode.COUNTER, name, 0);
				pekko.add(name, 0);
			}
			String hot = names[0];
			ClosedLoop.Call userCall = (caller, sequence) -> counters.get(pick(names)).call(UserCounterActor::add, one);
			ClosedLoop.Call pekkoCall = (caller, sequence) -> pekko.add(pick(names), 1);
			ClosedLoop.Call runtimeCall = (caller, sequence) -> runtime.add(SpawnNode.COUNTER, pick(names), 1);
			ClosedLoop.Call durableCall = (caller, sequence) -> durable.get(pick(names)).call(UserCounterActor::add, one);
			ClosedLoop.Call hotUserCall = (caller, sequence) -> counters.get(hot).call(UserCounterActor::add, one);
			ClosedLoop.Call hotPekkoCall = (caller, sequence) -> pekko.add(hot, 1);
			for (int c = 0; c < callers.length; c++) {
				EmbeddedCallsBenchmark.log("warm-up at %d %s callers", callers[c],
						virtual[c] ? "virtual-thread" : "platform-thread");
				ClosedLoop.run("user", callers[c], virtual[c], this.mode.warmup(), Duration.ofMillis(100), userCall);
				ClosedLoop.run("pekko", callers[c], virtual[c], this.mode.warmup(), Duration.ofMillis(100), pekkoCall);
				ClosedLoop.run("runtime", callers[c], virtual[c], this.mode.warmup(), Duration.ofMillis(100),
						runtimeCall);
				ClosedLoop.run("durable", callers[c], virtual[c], this.mode.warmup(), Duration.ofMillis(100),
						durableCall);
			}
			Duration settle = Duration.ofMillis(300);
			Spread[][] user = spreads(callers.length);
			Spread[][] base = spreads(callers.length);
			Spread[][] raw = spreads(callers.length);
			Spread[][] vsPekko = spreads(callers.length);
			Spread[][] vsRuntime = spreads(callers.length);
			Spread[][] durableFigures = spreads(callers.length);
			Spread[][] durableVsPekko = spreads(callers.length);
			Spread[] hotUser = spreads(1)[0];
			Spread[] hotPekko = spreads(1)[0];
			Spread[] hotVsPekko = spreads(1)[0];
			for (int round = 1; round <= this.mode.rounds(); round++) {
				for (int c = 0; c < callers.length; c++) {
					ClosedLoop.Result a = ClosedLoop.run("user", callers[c], virtual[c], settle, this.mode.window(),
							userCall);
					ClosedLoop.Result b = ClosedLoop.run("pekko", callers[c], virtual[c], settle, this.mode.window(),
							pekkoCall);
					ClosedLoop.Result r = ClosedLoop.run("runtime", callers[c], virtual[c], settle,
							this.mode.window(), runtimeCall);
					ClosedLoop.Result d = ClosedLoop.run("durable", callers[c], virtual[c], settle,
							this.mode.window(), durableCall);
					record(durableFigures[c], d);
					durableVsPekko[c][0].add(d.perSecond() / b.perSecond());
					durableVsPekko[c][1].add(d.p50() / b.p50());
					durableVsPekko[c][2].add(d.p99() / b.p99());
					record(user[c], a);
					record(base[c], b);
					record(raw[c], r);
					vsPekko[c][0].add(a.perSecond() / b.perSecond());
					vsPekko[c][1].add(a.p50() / b.p50());
					vsPekko[c][2].add(a.p99() / b.p99());
					vsRuntime[c][0].add(a.perSecond() / r.perSecond());
					vsRuntime[c][1].add(a.p50() / r.p50());
					vsRuntime[c][2].add(a.p99() / r.p99());
					EmbeddedCallsBenchmark.log(
							"round %d, %2d %s callers: user %,.0f/s p50 %.1f µs p99 %.1f µs | pekko %,.0f/s p50 %.1f µs p99 %.1f µs | runtime %,.0f/s | %.2fx pekko, %.2fx runtime",
							round, callers[c], virtual[c] ? "virtual" : "platform", a.perSecond(), a.p50() / 1e3,
							a.p99() / 1e3, b.perSecond(), b.p50() / 1e3, b.p99() / 1e3, r.perSecond(),
							a.perSecond() / b.perSecond(), a.perSecond() / r.perSecond());
				}
				// One hot actor: 64 callers queue on one mailbox, so most calls go through its virtual thread.
				ClosedLoop.Result hu = ClosedLoop.run("user-hot", 64, false, settle, this.mode.window(), hotUserCall);
				ClosedLoop.Result hp = ClosedLoop.run("pekko-hot", 64, false, settle, this.mode.window(), hotPekkoCall);
				record(hotUser, hu);
				record(hotPekko, hp);
				hotVsPekko[0].add(hu.perSecond() / hp.perSecond());
				hotVsPekko[1].add(hu.p50() / hp.p50());
				hotVsPekko[2].add(hu.p99() / hp.p99());
				EmbeddedCallsBenchmark.log("round %d, one hot actor, 64 callers: user %,.0f/s p99 %.1f µs | pekko %,.0f/s p99 %.1f µs",
						round, hu.perSecond(), hu.p99() / 1e3, hp.perSecond(), hp.p99() / 1e3);
			}
			String[] figures = { "calls/s", "p50 µs", "p99 µs" };
			String[] formats = { "%,.0f", "%.1f", "%.1f" };
			for (int c = 0; c < callers.length; c++) {
				String at = " at " + callers[c] + (virtual[c] ? " virtual-thread" : "") + " caller"
						+ (callers[c] == 1 ? "" : "s");
				for (int f = 0; f < 3; f++) {
					this.report.figure(BENCH + " vs Pekko", figures[f] + at, user[c][f].format(formats[f]),
							base[c][f].format(formats[f]), vsPekko[c][f]);
				}
				this.report.figure(BENCH + " vs runtime (benchmark 1's Spawn side)", "calls/s" + at,
						user[c][0].format(formats[0]), raw[c][0].format(formats[0]), vsRuntime[c][0]);
				for (int f = 0; f < 3; f++) {
					this.report.figure(BENCH + ", write-behind to PostgreSQL, vs Pekko", figures[f] + at,
							durableFigures[c][f].format(formats[f]), base[c][f].format(formats[f]), durableVsPekko[c][f]);
				}
			}
			for (int f = 0; f < 3; f++) {
				this.report.figure(BENCH + ", one hot actor, vs Pekko", figures[f] + " at 64 callers",
						hotUser[f].format(formats[f]), hotPekko[f].format(formats[f]), hotVsPekko[f]);
			}
			for (int c = 0; c < callers.length; c++) {
				String at = callers[c] + (virtual[c] ? " virtual-thread" : "") + " caller" + (callers[c] == 1 ? "" : "s");
				this.report.target("14: user-path calls/s ≥ 1.0x Pekko at " + at, vsPekko[c][0].format("%.2fx"),
						vsPekko[c][0].median() >= 1.0);
			}
			this.report.target("14: user-path p99 ≤ 2x Pekko's at 64 callers", vsPekko[2][2].format("%.2fx"),
					vsPekko[2][2].median() <= 2.0);
			this.report.target("14 (extra): user-path p99 ≤ 2x Pekko's at 64 virtual-thread callers",
					vsPekko[3][2].format("%.2fx"), vsPekko[3][2].median() <= 2.0);
			for (int c = 0; c < callers.length; c++) {
				String at = callers[c] + (virtual[c] ? " virtual-thread" : "") + " caller" + (callers[c] == 1 ? "" : "s");
				this.report.target("14: user-path with write-behind to PostgreSQL calls/s ≥ 1.0x Pekko at " + at,
						durableVsPekko[c][0].format("%.2fx"), durableVsPekko[c][0].median() >= 1.0);
			}
			this.report.target("14: user-path with write-behind to PostgreSQL p99 ≤ 2x Pekko's at 64 callers",
					durableVsPekko[2][2].format("%.2fx"), durableVsPekko[2][2].median() <= 2.0);
			if (Boolean.getBoolean("bench.user.jfr")) {
				profile(userCall, settle);
			}
		}
	}

	private void profile(ClosedLoop.Call userCall, Duration settle) throws Exception {
		Path file = Path.of("target", "benchmark-results", "user-path-64.jfr").toAbsolutePath();
		Files.createDirectories(file.getParent());
		try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
			recording.setDestination(file);
			recording.start();
			ClosedLoop.Result result = ClosedLoop.run("user", 64, false, settle, this.mode.window().multipliedBy(5),
					userCall);
			recording.stop();
			EmbeddedCallsBenchmark.log("profiled 64 platform callers (%,.0f/s under JFR): %s", result.perSecond(),
					file);
		}
	}

	private static Spread[][] spreads(int levels) {
		Spread[][] spreads = new Spread[levels][3];
		for (int c = 0; c < levels; c++) {
			for (int f = 0; f < 3; f++) {
				spreads[c][f] = new Spread();
			}
		}
		return spreads;
	}

	private static void record(Spread[] figures, ClosedLoop.Result result) {
		figures[0].add(result.perSecond());
		figures[1].add(result.p50() / 1e3);
		figures[2].add(result.p99() / 1e3);
	}

	private static String pick(String[] names) {
		return names[ThreadLocalRandom.current().nextInt(names.length)];
	}

}
