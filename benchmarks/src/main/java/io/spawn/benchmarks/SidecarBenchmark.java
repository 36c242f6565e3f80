package io.spawn.benchmarks;

/**
 * Benchmark 2 (sidecar round trip: client → proxy → host → proxy → client vs a do-nothing forwarding chain on
 * the same HTTP stack) is a placeholder: the sidecar app ({@code spawn-proxy-app}) is still being written and
 * exposes no invoke route this harness could start yet. docs/benchmarks.md describes the planned harness.
 */
final class SidecarBenchmark {

	private SidecarBenchmark() {
	}

	static void run(Report report) {
		String why = "placeholder: spawn-proxy-app has no runnable invoke route yet";
		System.out.println("  " + why);
		report.figure("2 sidecar", "round trip vs forwarding chain", "not measured (" + why + ")");
		report.targetNotRun("2: p50 ≤ 1.5x the forwarding chain; calls/s at 64 ≥ 0.10x Pekko", why);
	}

}
