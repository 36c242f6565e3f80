package io.spawn.benchmarks;

import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.jspecify.annotations.Nullable;

/**
 * Benchmark 2: the sidecar round trip, client → proxy → host → proxy → client, for a trivial action, vs a
 * do-nothing forwarding chain on the same HTTP stack, client → forwarder → trivial endpoint. Three child JVMs on
 * loopback: the proxy ({@code spawn-proxy-app}'s jar), the host and trivial endpoint, and the forwarder (both
 * {@link SidecarEndpointsApplication}). p50/p99 at 1 caller, throughput at 8 and 64, interleaved per round; and
 * the throughput at 64 against Pekko's from benchmark 1.
 */
final class SidecarBenchmark {

	static final int ACTORS = 1_000;

	private static final String TEMPLATE = "echo";

	private static final int[] CALLERS = { 1, 8, 64 };

	private static final String CHILD_HEAP = "-Xmx512m";

	private final Mode mode;

	private final Report report;

	private final @Nullable Double pekkoAt64;

	/**
	 * @param pekkoAt64 Pekko's calls/s at 64 callers from benchmark 1 of this run, or {@code null} to measure it
	 */
	SidecarBenchmark(Mode mode, Report report, @Nullable Double pekkoAt64) {
		this.mode = mode;
		this.report = report;
		this.pekkoAt64 = pekkoAt64;
	}

	void run() throws Exception {
		Path proxyJar = findProxyJar();
		if (proxyJar == null) {
			String why = "not run: no spawn-proxy-app jar (build it: ./mvnw -pl spawn-proxy-app -am package -DskipTests,"
					+ " or set SPAWN_PROXY_JAR)";
			log("%s", why);
			this.report.figure("2 sidecar", "round trip vs forwarding chain", why);
			this.report.targetNotRun("2: p50 ≤ 1.5x the forwarding chain; calls/s at 64 ≥ 0.10x Pekko", why);
			return;
		}
		int endpointsPort = freePort();
		int forwarderPort = freePort();
		int proxyPort = freePort();
		Path dataDir = Files.createTempDirectory("spawn-bench-proxy");
		List<Process> children = new ArrayList<>();
		List<Double> proxyAt64 = new ArrayList<>();
		Spread p50AtOne = new Spread();
		try (CloseableHttpClient client = client()) {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			String classpath = System.getProperty("java.class.path");
			List<String> web = List.of("--spring.threads.virtual.enabled=true", "--server.tomcat.keep-alive-timeout=60s",
					"--server.tomcat.max-keep-alive-requests=-1", "--spring.main.banner-mode=off",
					"--logging.level.root=WARN");
			List<String> endpoints = List.of("-cp", classpath, SidecarEndpointsApplication.class.getName());
			List<String> endpointsArgs = new ArrayList<>(web);
			endpointsArgs.add("--server.port=" + endpointsPort);
			children.add(start("endpoints", command(java, endpoints, endpointsArgs)));
			List<String> forwarderArgs = new ArrayList<>(web);
			forwarderArgs.add("--server.port=" + forwarderPort);
			forwarderArgs.add("--bench.forward-to=http://127.0.0.1:" + endpointsPort + "/trivial");
			children.add(start("forwarder", command(java, endpoints, forwarderArgs)));
			// BENCH_PROXY_JVM_OPTS: extra options of the proxy's JVM only, e.g. a JFR recording of the hop.
			List<String> proxyLaunch = new ArrayList<>();
			String proxyOptions = System.getenv("BENCH_PROXY_JVM_OPTS");
			if (proxyOptions != null && !proxyOptions.isBlank()) {
				proxyLaunch.addAll(List.of(proxyOptions.strip().split("\\s+")));
			}
			proxyLaunch.addAll(List.of("-jar", proxyJar.toString()));
			children.add(start("proxy", command(java, proxyLaunch,
					List.of("--spawn.proxy.http.port=" + proxyPort, "--spawn.proxy.grpc.port=" + freePort(),
							"--spawn.proxy.host.host=127.0.0.1",
							"--spawn.proxy.host.port=" + endpointsPort, "--spawn.proxy.data-dir=" + dataDir,
							"--spring.main.banner-mode=off", "--logging.level.root=WARN"))));
			awaitUp(client, "http://127.0.0.1:" + endpointsPort + "/ping", children);
			awaitUp(client, "http://127.0.0.1:" + forwarderPort + "/ping", children);
			awaitUp(client, "http://127.0.0.1:" + proxyPort + "/actuator/health/readiness", children);
			register(client, proxyPort);
			log("proxy %s on :%d, host and trivial endpoint on :%d, forwarder on :%d", proxyJar.getFileName(), proxyPort,
					endpointsPort, forwarderPort);

			URI forward = URI.create("http://127.0.0.1:" + forwarderPort + "/forward");
			String proxyBase = "http://127.0.0.1:" + proxyPort + "/api/v1/system/" + SpawnNode.SYSTEM + "/actors/";
			ClosedLoop.Call viaProxy = (caller, sequence) -> {
				String actor = "echo-" + ThreadLocalRandom.current().nextInt(ACTORS);
				byte[] answer = post(client, URI.create(proxyBase + actor + "/invoke"), request(actor));
				InvocationResponse response = InvocationResponse.parseFrom(answer);
				if (response.getStatus().getStatus() != Status.OK) {
					throw new IllegalStateException("proxy answered " + response.getStatus());
				}
			};
			ClosedLoop.Call viaForwarder = (caller, sequence) -> {
				String actor = "echo-" + ThreadLocalRandom.current().nextInt(ACTORS);
				post(client, forward, request(actor));
			};
			for (int callers : CALLERS) {
				log("warm-up at %d callers", callers);
				ClosedLoop.run("proxy", callers, this.mode.warmup(), Duration.ofMillis(100), viaProxy);
				ClosedLoop.run("forwarder", callers, this.mode.warmup(), Duration.ofMillis(100), viaForwarder);
			}
			Duration settle = Duration.ofMillis(300);
			Spread[] proxyRate = spreads();
			Spread[] chainRate = spreads();
			Spread[] rateRatio = spreads();
			Spread[] proxyP50 = spreads();
			Spread[] chainP50 = spreads();
			Spread[] p50Ratio = spreads();
			Spread[] proxyP99 = spreads();
			Spread[] chainP99 = spreads();
			Spread[] p99Ratio = spreads();
			for (int round = 1; round <= this.mode.rounds(); round++) {
				for (int c = 0; c < CALLERS.length; c++) {
					ClosedLoop.Result a = ClosedLoop.run("proxy", CALLERS[c], settle, this.mode.window(), viaProxy);
					ClosedLoop.Result b = ClosedLoop.run("forwarder", CALLERS[c], settle, this.mode.window(),
							viaForwarder);
					proxyRate[c].add(a.perSecond());
					chainRate[c].add(b.perSecond());
					rateRatio[c].add(a.perSecond() / b.perSecond());
					proxyP50[c].add(a.p50() / 1e3);
					chainP50[c].add(b.p50() / 1e3);
					p50Ratio[c].add(a.p50() / b.p50());
					proxyP99[c].add(a.p99() / 1e3);
					chainP99[c].add(b.p99() / 1e3);
					p99Ratio[c].add(a.p99() / b.p99());
					if (CALLERS[c] == 64) {
						proxyAt64.add(a.perSecond());
					}
					log("round %d, %2d callers: proxy %,.0f/s p50 %.0f µs p99 %.0f µs | forwarding chain %,.0f/s p50 %.0f µs p99 %.0f µs | %.2fx",
							round, CALLERS[c], a.perSecond(), a.p50() / 1e3, a.p99() / 1e3, b.perSecond(), b.p50() / 1e3,
							b.p99() / 1e3, a.perSecond() / b.perSecond());
				}
			}
			p50AtOne = p50Ratio[0];
			for (int c = 0; c < CALLERS.length; c++) {
				String at = " at " + CALLERS[c] + " caller" + (CALLERS[c] == 1 ? "" : "s");
				this.report.figure("2 sidecar", "calls/s" + at + " (proxy vs forwarding chain)",
						proxyRate[c].format("%,.0f"), chainRate[c].format("%,.0f"), rateRatio[c]);
				this.report.figure("2 sidecar", "p50 µs" + at, proxyP50[c].format("%.0f"), chainP50[c].format("%.0f"),
						p50Ratio[c]);
				this.report.figure("2 sidecar", "p99 µs" + at, proxyP99[c].format("%.0f"), chainP99[c].format("%.0f"),
						p99Ratio[c]);
			}
		}
		finally {
			for (Process child : children) {
				child.destroy();
			}
			for (Process child : children) {
				if (!child.waitFor(30, TimeUnit.SECONDS)) {
					child.destroyForcibly();
				}
			}
			deleteRecursively(dataDir);
		}
		// Pekko is measured (when benchmark 1 did not run) only once the child JVMs are gone.
		double pekko = (this.pekkoAt64 != null) ? this.pekkoAt64 : measurePekkoAt64();
		Spread vsPekko = new Spread();
		for (double value : proxyAt64) {
			vsPekko.add(value / pekko);
		}
		this.report.figure("2 sidecar", "calls/s at 64 callers vs Pekko single node (benchmark 1, median)",
				median(proxyAt64), Report.rate(pekko), vsPekko);
		this.report.target("2: p50 ≤ 1.5x the forwarding chain (1 caller)", p50AtOne.format("%.2fx"),
				p50AtOne.median() <= 1.5);
		this.report.target("2: calls/s at 64 ≥ 0.10x Pekko single node", vsPekko.format("%.2fx"),
				vsPekko.median() >= 0.10);
	}

	private static String median(List<Double> values) {
		Spread spread = new Spread();
		values.forEach(spread::add);
		return spread.format("%,.0f");
	}

	private double measurePekkoAt64() throws Exception {
		try (PekkoNode pekko = new PekkoNode(Duration.ofMinutes(10))) {
			ClosedLoop.Call call = (caller, sequence) -> pekko.add("counter-" + ThreadLocalRandom.current()
				.nextInt(EmbeddedCallsBenchmark.ACTORS), 1);
			ClosedLoop.run("pekko", 64, this.mode.warmup(), Duration.ofMillis(100), call);
			return ClosedLoop.run("pekko", 64, Duration.ofMillis(300), this.mode.window(), call).perSecond();
		}
	}

	private static byte[] request(String actor) {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(SpawnNode.SYSTEM))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(SpawnNode.SYSTEM).setName(actor)))
			.setRegisterRef(TEMPLATE)
			.setActionName("ping")
			.setNoop(Noop.getDefaultInstance())
			.build()
			.toByteArray();
	}

	private static void register(CloseableHttpClient client, int proxyPort) throws IOException {
		Actor template = Actor.newBuilder()
			.setId(ActorId.newBuilder().setSystem(SpawnNode.SYSTEM).setName(TEMPLATE))
			.setSettings(ActorSettings.newBuilder().setKind(Kind.UNNAMED).setStateful(false))
			.addActions(Action.newBuilder().setName("ping"))
			.build();
		RegistrationRequest registration = RegistrationRequest.newBuilder()
			.setActorSystem(ActorSystem.newBuilder()
				.setName(SpawnNode.SYSTEM)
				.setRegistry(Registry.newBuilder().putActors(TEMPLATE, template)))
			.build();
		RegistrationResponse response = RegistrationResponse.parseFrom(
				post(client, URI.create("http://127.0.0.1:" + proxyPort + "/api/v1/system"), registration.toByteArray()));
		if (response.getStatus().getStatus() != Status.OK) {
			throw new IllegalStateException("registration refused: " + response.getStatus());
		}
	}

	private static byte[] post(CloseableHttpClient client, URI uri, byte[] body) throws IOException {
		HttpPost post = new HttpPost(uri);
		post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
		return client.execute(post, (response) -> {
			try (InputStream in = response.getEntity().getContent()) {
				byte[] answer = in.readAllBytes();
				if (response.getCode() != 200) {
					throw new IOException(uri + " answered HTTP " + response.getCode());
				}
				return answer;
			}
		});
	}

	private static CloseableHttpClient client() {
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(256)
				.setMaxConnPerRoute(256)
				.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
				.build())
			.disableAutomaticRetries()
			.build();
	}

	private static Process start(String name, List<String> command) throws IOException {
		Path log = Path.of("target", "benchmark-results", "sidecar-" + name + ".log");
		Files.createDirectories(log.toAbsolutePath().getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static List<String> command(String java, List<String> launch, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(java, CHILD_HEAP, "-XX:+UseG1GC"));
		command.addAll(launch);
		command.addAll(arguments);
		return command;
	}

	private static void awaitUp(CloseableHttpClient client, String url, List<Process> children) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			for (Process child : children) {
				if (!child.isAlive()) {
					throw new IllegalStateException("a child JVM exited with " + child.exitValue()
							+ "; see target/benchmark-results/sidecar-*.log");
				}
			}
			try {
				int code = client.execute(new HttpGet(url), (response) -> {
					response.getEntity().getContent().readAllBytes();
					return response.getCode();
				});
				if (code == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(url + " did not come up within 120 s");
	}

	static @Nullable Path findProxyJar() throws IOException {
		String configured = System.getenv("SPAWN_PROXY_JAR");
		if (configured != null && Files.isRegularFile(Path.of(configured))) {
			return Path.of(configured);
		}
		for (Path dir : List.of(Path.of("..", "spawn-proxy-app", "target"), Path.of("spawn-proxy-app", "target"))) {
			if (Files.isDirectory(dir)) {
				try (Stream<Path> files = Files.list(dir)) {
					Path jar = files
						.filter((file) -> file.getFileName().toString().matches("spawn-proxy-app-.*(?<!-sources|-javadoc|-plain)\\.jar"))
						.max(Comparator.comparing(Path::toString))
						.orElse(null);
					if (jar != null) {
						return jar.toAbsolutePath().normalize();
					}
				}
			}
		}
		return null;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Spread[] spreads() {
		Spread[] spreads = new Spread[CALLERS.length];
		for (int i = 0; i < spreads.length; i++) {
			spreads[i] = new Spread();
		}
		return spreads;
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	private static void log(String format, Object... args) {
		EmbeddedCallsBenchmark.log(format, args);
	}

}
