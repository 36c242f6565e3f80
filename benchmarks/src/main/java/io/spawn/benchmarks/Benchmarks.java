package io.spawn.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the benchmarks: {@code java -jar benchmarks.jar [quick|full|long] [embedded] [sidecar] [durable]
 * [activation] [memory] [cluster] [user] [footprint] [activators]} (all of them when none is named). Prints every figure as it is measured, then a
 * Markdown summary that is also written to {@code target/benchmark-results/}.
 */
public final class Benchmarks {

	private static final List<String> ALL = List.of("embedded", "sidecar", "durable", "activation", "memory",
			"cluster", "user", "footprint", "activators");

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals(MemoryProbe.COMMAND)) {
			MemoryProbe.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		quietLibraries();
		Mode mode = Mode.of((args.length > 0) ? args[0] : "quick");
		Set<String> selected = new LinkedHashSet<>();
		for (int i = 1; i < args.length; i++) {
			if (!ALL.contains(args[i])) {
				throw new IllegalArgumentException("unknown benchmark '" + args[i] + "'; choose from " + ALL);
			}
			selected.add(args[i]);
		}
		if (selected.isEmpty()) {
			selected.addAll(ALL);
		}
		String environment = environment(mode);
		System.out.println(environment);
		Report report = new Report();
		long started = System.nanoTime();
		List<String> timings = new ArrayList<>();
		Double pekkoAt64 = null;
		for (String name : selected) {
			long begin = System.nanoTime();
			String load = loadAverage();
			System.out.println("== " + name + " (load average before: " + load + ")");
			switch (name) {
				case "embedded" -> {
					EmbeddedCallsBenchmark embedded = new EmbeddedCallsBenchmark(mode, report);
					embedded.run();
					pekkoAt64 = embedded.pekkoAt64();
				}
				case "sidecar" -> new SidecarBenchmark(mode, report, pekkoAt64).run();
				case "durable" -> new DurableStateBenchmark(mode, report).run();
				case "activation" -> new ActivationBenchmark(mode, report).run();
				case "memory" -> new MemoryBenchmark(mode, report).run();
				case "cluster" -> new ClusterCallsBenchmark(mode, report).run();
				case "user" -> new UserPathBenchmark(mode, report).run();
				case "footprint" -> new FootprintBenchmark(mode, report).run();
				case "activators" -> new ActivatorsBenchmark(mode, report).run();
				default -> throw new IllegalStateException(name);
			}
			String took = String.format(Locale.ROOT, "%s took %.0f s (load average %s before, %s after)", name,
					(System.nanoTime() - begin) / 1e9, load, loadAverage());
			timings.add(took);
			System.out.println("== " + took);
		}
		timings.forEach(report::note);
		report.note(String.format(Locale.ROOT, "whole run: %.0f s", (System.nanoTime() - started) / 1e9));
		String header = "## Results (" + mode.name() + ")\n\n" + environment + "\n";
		System.out.println();
		System.out.println(report.markdown(header));
		Path out = Path.of("target", "benchmark-results", mode.name() + "-"
				+ DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()) + ".md");
		report.write(out, header);
		System.out.println("Written to " + out.toAbsolutePath());
		System.exit(0);
	}

	private static void quietLibraries() {
		System.setProperty("org.jboss.logging.provider", "slf4j");
		Logger.getLogger("").setLevel(Level.WARNING);
		for (var handler : Logger.getLogger("").getHandlers()) {
			handler.setLevel(Level.WARNING);
		}
	}

	static String environment(Mode mode) {
		Runtime runtime = Runtime.getRuntime();
		return String.format(Locale.ROOT, """
				- mode: %s (%d interleaved rounds, %s warm-up, %s windows; durable windows %s)
				- machine: %d CPUs (%s), %s
				- JDK: %s %s (%s), heap max %d MiB, GC %s
				- JVM arguments: %s
				- started: %s, load average %s""", mode.name(), mode.rounds(), human(mode.warmup()),
				human(mode.window()), human(mode.durableWindow()), runtime.availableProcessors(), cpuModel(),
				memory(), System.getProperty("java.vm.vendor"), System.getProperty("java.runtime.version"),
				System.getProperty("java.vm.name"), runtime.maxMemory() >> 20, garbageCollectors(),
				String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
				Instant.now().toString(), loadAverage());
	}

	private static String human(Duration duration) {
		return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).strip();
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return System.getProperty("os.arch");
	}

	private static String memory() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal")) {
					long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
					return String.format(Locale.ROOT, "%.0f GiB RAM", kib / 1024.0 / 1024.0);
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return "RAM unknown";
	}

	private static String garbageCollectors() {
		List<String> names = new ArrayList<>();
		ManagementFactory.getGarbageCollectorMXBeans().forEach((gc) -> names.add(gc.getName()));
		return String.join(", ", names);
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
