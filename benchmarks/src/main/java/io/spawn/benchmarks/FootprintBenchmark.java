package io.spawn.benchmarks;

import io.spawn.benchmarks.bare.BareMvcApplication;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Footprint of the sidecar (issue 14): time from launch to a 200 from the readiness probe, and resident memory
 * after a few idle seconds, of the proxy against a bare Spring Boot MVC application with the actuator, each started
 * the same way (a class path of plain jars: the proxy's extracted jar, the bare app's jars from the benchmarks'
 * lib directory; the same JVM options and readiness probe), alternately, in the same run. The proxy runs on its embedded default store (H2 in its data directory) with gRPC on, as the chart
 * starts it.
 */
final class FootprintBenchmark {

	private static final String BENCH = "footprint";

	/** The jars of the bare application: Spring Boot's web, actuator and logging, and what they need. */
	private static final Pattern BARE_JARS = Pattern.compile(
			"(spring-(boot|core|beans|context|aop|expression|web|webmvc|jcl)[-.].*|tomcat-embed-.*|jackson-.*"
					+ "|micrometer-(core|observation|commons|jakarta9)-.*|logback-.*|slf4j-(api|simple)-.*|jul-to-slf4j-.*"
					+ "|log4j-(api|to-slf4j)-.*|snakeyaml-.*|jakarta\\.annotation-api-.*|jspecify-.*|HdrHistogram-.*"
					+ "|LatencyUtils-.*|commons-logging-.*)\\.jar");

	private static final Pattern NOT_BARE = Pattern.compile("spring-boot-(jdbc|jpa|hibernate|flyway|grpc|kafka|amqp"
			+ "|data|sql|r2dbc|cloud|kubernetes|security|ssl|docker|testcontainers|test|devtools).*");

	private static final List<String> JVM = List.of("-Xmx512m", "-XX:+UseG1GC");

	private final Mode mode;

	private final Report report;

	FootprintBenchmark(Mode mode, Report report) {
		this.mode = mode;
		this.report = report;
	}

	void run() throws Exception {
		Path proxyJar = SidecarBenchmark.findProxyJar();
		if (proxyJar == null) {
			this.report.targetNotRun("14: proxy time-to-ready and idle RSS ≤ 1.5x a bare Spring Boot app",
					"not run: no spawn-proxy-app jar");
			return;
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path work = Files.createTempDirectory("spawn-footprint");
		Path extracted = work.resolve("proxy");
		exec(List.of(java, "-Djarmode=tools", "-jar", proxyJar.toString(), "extract", "--destination",
				extracted.toString()));
		Path launcher;
		try (Stream<Path> files = Files.list(extracted)) {
			launcher = files.filter((file) -> file.toString().endsWith(".jar")).findFirst().orElseThrow();
		}
		String bareClasspath = bareClasspath();
		Spread[] proxy = { new Spread(), new Spread() };
		Spread[] bare = { new Spread(), new Spread() };
		Spread[] ratio = { new Spread(), new Spread() };
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		for (int round = 1; round <= this.mode.rounds(); round++) {
			int barePort = SidecarBenchmark.freePort();
			List<String> bareCommand = new ArrayList<>(List.of(java));
			bareCommand.addAll(JVM);
			bareCommand.addAll(List.of("-cp", bareClasspath, BareMvcApplication.class.getName(),
					"--server.port=" + barePort, "--management.endpoint.health.probes.enabled=true",
					"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
			double[] b = measure(http, bareCommand, barePort, work.resolve("bare-" + round + ".log"));
			int proxyPort = SidecarBenchmark.freePort();
			List<String> proxyCommand = new ArrayList<>(List.of(java));
			proxyCommand.addAll(JVM);
			proxyCommand.addAll(List.of("-jar", launcher.toString(), "--spawn.proxy.http.port=" + proxyPort,
					"--spawn.proxy.grpc.port=" + SidecarBenchmark.freePort(),
					"--spawn.proxy.data-dir=" + work.resolve("data-" + round), "--spring.main.banner-mode=off",
					"--logging.level.root=WARN"));
			double[] p = measure(http, proxyCommand, proxyPort, work.resolve("proxy-" + round + ".log"));
			for (int f = 0; f < 2; f++) {
				bare[f].add(b[f]);
				proxy[f].add(p[f]);
				ratio[f].add(p[f] / b[f]);
			}
			EmbeddedCallsBenchmark.log("round %d: proxy ready in %.2f s, %.0f MiB RSS idle | bare ready in %.2f s, %.0f MiB",
					round, p[0], p[1], b[0], b[1]);
		}
		this.report.figure(BENCH + ": proxy vs bare Spring Boot MVC app", "time to ready, s", proxy[0].format("%.2f"),
				bare[0].format("%.2f"), ratio[0]);
		this.report.figure(BENCH + ": proxy vs bare Spring Boot MVC app", "RSS after 5 s idle, MiB",
				proxy[1].format("%.0f"), bare[1].format("%.0f"), ratio[1]);
		this.report.target("14: proxy time-to-ready ≤ 1.5x a bare Spring Boot app", ratio[0].format("%.2fx"),
				ratio[0].median() <= 1.5);
		this.report.target("14: proxy idle RSS ≤ 1.5x a bare Spring Boot app", ratio[1].format("%.2fx"),
				ratio[1].median() <= 1.5);
	}

	/** Seconds from launch to a 200 from the readiness probe, and MiB resident after 5 s idle. */
	private static double[] measure(HttpClient http, List<String> command, int port, Path log) throws Exception {
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			URI probe = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
			long deadline = started + TimeUnit.SECONDS.toNanos(120);
			while (true) {
				if (!process.isAlive()) {
					throw new IllegalStateException("child exited with " + process.exitValue() + "; see " + log);
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("not ready within 120 s; see " + log);
				}
				try {
					HttpResponse<Void> response = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() == 200) {
						break;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(20);
			}
			double ready = (System.nanoTime() - started) / 1e9;
			Thread.sleep(5_000);
			return new double[] { ready, rssMiB(process.pid()) };
		}
		finally {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private static double rssMiB(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
			}
		}
		throw new IOException("no VmRSS for " + pid);
	}

	/**
	 * The benchmarks' compiled classes and, of the jars beside the benchmarks' jar (its manifest's class path),
	 * only those of a bare web application.
	 */
	private static String bareClasspath() throws IOException {
		Path classes = Path.of("target", "classes").toAbsolutePath();
		Path lib = Path.of("target", "lib").toAbsolutePath();
		if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
			throw new IllegalStateException("run from benchmarks/ after a build: no " + classes + " or " + lib);
		}
		List<String> entries = new ArrayList<>();
		entries.add(classes.toString());
		try (Stream<Path> jars = Files.list(lib)) {
			jars.map((jar) -> jar.getFileName().toString())
				.filter((name) -> BARE_JARS.matcher(name).matches() && !NOT_BARE.matcher(name).matches())
				.sorted()
				.forEach((name) -> entries.add(lib.resolve(name).toString()));
		}
		return String.join(File.pathSeparator, entries);
	}

	private static void exec(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("failed: " + String.join(" ", command));
		}
	}

}
