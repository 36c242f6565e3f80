package io.spawn.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark 4b: heap per idle activated actor, Spawn vs Pekko entities: (heap after GC with N more idle actors
 * − heap after GC before them) / N, each side in a fresh JVM of the same heap size, alternating A, B per round.
 */
final class MemoryBenchmark {

	private final Mode mode;

	private final Report report;

	MemoryBenchmark(Mode mode, Report report) {
		this.mode = mode;
		this.report = report;
	}

	void run() throws Exception {
		int actors = this.mode.memoryActors();
		int rounds = this.mode.memoryRounds();
		Spread spawn = new Spread();
		Spread pekko = new Spread();
		Spread ratio = new Spread();
		for (int round = 1; round <= rounds; round++) {
			double a = probe("spawn", actors);
			double b = probe("pekko", actors);
			spawn.add(a);
			pekko.add(b);
			ratio.add(a / b);
			EmbeddedCallsBenchmark.log("round %d: Spawn %.0f bytes per idle actor | Pekko %.0f bytes per entity | %.2fx",
					round, a, b, a / b);
		}
		String at = String.format(Locale.ROOT, " at %,d actors (%d round%s)", actors, rounds, rounds == 1 ? "" : "s");
		this.report.figure("4 memory", "heap bytes per idle actor" + at, spawn.format("%.0f"), pekko.format("%.0f"),
				ratio);
		this.report.target("4: ≤ 1 KiB heap per idle actor", spawn.format("%.0f B"), spawn.median() <= 1024);
		this.report.target("4: heap per idle actor ≤ 2x Pekko", ratio.format("%.2fx"), ratio.median() <= 2.0);
	}

	private double probe(String kind, int actors) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xms" + this.mode.memoryHeap(),
				"-Xmx" + this.mode.memoryHeap(), "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
				Benchmarks.class.getName(), MemoryProbe.COMMAND, kind, Integer.toString(actors)));
		Path log = Path.of("target", "benchmark-results", "memory-" + kind + ".log");
		Files.createDirectories(log.toAbsolutePath().getParent());
		Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
		String result = null;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (line.startsWith("RESULT ")) {
					result = line;
				}
			}
		}
		int exit = process.waitFor();
		if (result == null || exit != 0) {
			throw new IllegalStateException(kind + " memory probe failed with exit code " + exit + "; see " + log);
		}
		String[] parts = result.split(" ");
		long before = Long.parseLong(parts[3]);
		long after = Long.parseLong(parts[4]);
		EmbeddedCallsBenchmark.log("%s: %,d actors activated in %s s; heap after GC %,d MiB -> %,d MiB", kind, actors,
				parts[5], before >> 20, after >> 20);
		return (after - before) / (double) actors;
	}

}
