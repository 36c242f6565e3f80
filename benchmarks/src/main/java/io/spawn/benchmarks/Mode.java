package io.spawn.benchmarks;

import java.time.Duration;
import java.util.Locale;

/**
 * How long and how large a run is. {@code quick} runs everything in a few minutes on a 2-core machine and gives
 * indicative ratios; {@code full} gives the figures the docs quote.
 * @param name the mode's name
 * @param rounds interleaved rounds (A, B, A, B, ...) of every comparison; at least 3
 * @param warmup warm-up time of each side before the rounds
 * @param window measured time of one side in one round
 * @param durableWindow measured time of one side in one round of the durable-state benchmark
 * @param fsyncSeconds seconds per test of {@code pg_test_fsync}
 * @param coldActors actors activated from PostgreSQL in the activation benchmark
 * @param memoryActors idle actors held in the memory benchmark
 * @param memoryHeap heap of each memory-probe JVM
 * @param memoryRounds rounds of the memory probes (each a fresh JVM per side)
 * @param shutdownTimeout how long the activation benchmark lets a graceful shutdown take
 */
record Mode(String name, int rounds, Duration warmup, Duration window, Duration durableWindow, int fsyncSeconds,
		int coldActors, int memoryActors, String memoryHeap, int memoryRounds, Duration shutdownTimeout) {

	static Mode of(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "quick" -> new Mode("quick", 3, Duration.ofSeconds(2), Duration.ofSeconds(2),
					Duration.ofSeconds(2), 1, 3_000, 1_000_000, "6g", 1, Duration.ofSeconds(10));
			case "full" -> new Mode("full", 5, Duration.ofSeconds(10), Duration.ofSeconds(10),
					Duration.ofSeconds(10), 5, 100_000, 1_000_000, "6g", 3, Duration.ofMinutes(10));
			case "long" -> new Mode("long", 7, Duration.ofSeconds(20), Duration.ofSeconds(30),
					Duration.ofSeconds(30), 5, 100_000, 1_000_000, "6g", 5, Duration.ofMinutes(10));
			default -> throw new IllegalArgumentException(
					"unknown mode '" + name + "'; use quick (under 10 minutes), full (about an hour) or long");
		};
	}

}
