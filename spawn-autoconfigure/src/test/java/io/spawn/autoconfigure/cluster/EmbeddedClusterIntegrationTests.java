package io.spawn.autoconfigure.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of one application, each embedding the runtime, on one embedded PostgreSQL: they form one
 * cluster through {@code spawn.embedded.cluster.*} exactly as proxies do, so the monolith scales out with only
 * configuration changed. Calls enter through either instance's REST routes.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedClusterIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private EmbeddedPostgres postgres;

	private final List<Instance> instances = new ArrayList<>();

	@BeforeAll
	void startInstances() throws Exception {
		this.postgres = EmbeddedPostgres.start();
		int[] peerPorts = { freePort(), freePort() };
		String peers = "127.0.0.1:" + peerPorts[0] + ",127.0.0.1:" + peerPorts[1];
		for (int i = 0; i < 2; i++) {
			this.instances.add(new Instance("app-" + i, freePort(), peerPorts[i], peers, this.postgres.getPort()));
		}
		for (Instance instance : this.instances) {
			instance.start();
		}
		for (Instance instance : this.instances) {
			instance.awaitReady();
		}
	}

	@AfterAll
	void stopInstances() throws Exception {
		for (Instance instance : this.instances) {
			instance.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	@Order(1)
	void concurrentCallsThroughBothInstancesEndExact() throws Exception {
		AtomicInteger failures = new AtomicInteger();
		List<String> seen = Collections.synchronizedList(new ArrayList<>());
		try (ExecutorService callers = Executors.newFixedThreadPool(32)) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 2_000; i++) {
				Instance instance = this.instances.get(i % 2);
				String id = (i % 4 == 0) ? "t" + (i % 20) : "shared";
				done.add(callers.submit(() -> {
					int status = add(instance, id);
					if (status != 200) {
						failures.incrementAndGet();
						seen.add(id + ":" + status);
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		assertThat(failures.get()).as("failed calls %s", seen.subList(0, Math.min(5, seen.size()))).isZero();
		assertThat(total(this.instances.get(0), "shared")).isEqualTo(1_500);
		assertThat(total(this.instances.get(1), "shared")).isEqualTo(1_500);
		long spread = 0;
		for (int t = 0; t < 20; t += 4) {
			spread += total(this.instances.get(1), "t" + t);
		}
		assertThat(spread).isEqualTo(500);
		String owner0 = this.http.send(HttpRequest.newBuilder(URI.create(this.instances.get(0).base()
				+ "/actuator/cluster/tallies/shared")).build(), HttpResponse.BodyHandlers.ofString()).body();
		String owner1 = this.http.send(HttpRequest.newBuilder(URI.create(this.instances.get(1).base()
				+ "/actuator/cluster/tallies/shared")).build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher first = Pattern.compile("\"owner\":\"([^\"]+)\"").matcher(owner0);
		Matcher second = Pattern.compile("\"owner\":\"([^\"]+)\"").matcher(owner1);
		assertThat(first.find()).as(owner0).isTrue();
		assertThat(second.find()).as(owner1).isTrue();
		assertThat(first.group(1)).as("both instances name the same owner").isEqualTo(second.group(1));
	}

	@Test
	@Order(2)
	void killNineOfAnInstanceLosesNoAcknowledgedWrite() throws Exception {
		long acknowledged = total(this.instances.get(0), "k");
		for (int i = 0; i < 20; i++) {
			assertThat(add(this.instances.get(i % 2), "k")).isEqualTo(200);
			acknowledged++;
		}
		Instance victim = this.instances.get(1);
		Instance survivor = this.instances.get(0);
		victim.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		long killed = System.nanoTime();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> add(survivor, "k") == 200);
		System.out.println("[cluster] embedded: kill -9 to the first successful call on the survivor: "
				+ (System.nanoTime() - killed) / 1_000_000 + " ms");
		acknowledged++;
		assertThat(total(survivor, "k")).isEqualTo(acknowledged);
		assertThat(total(survivor, "shared")).isEqualTo(1_500);
	}

	@Test
	@Order(3)
	void aRestartedInstanceRejoinsAndAGracefulLeaveUnderLoadGivesNoServerError() throws Exception {
		Instance rejoined = this.instances.get(1);
		rejoined.start();
		rejoined.awaitReady();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger acknowledged = new AtomicInteger();
		List<String> errors = Collections.synchronizedList(new ArrayList<>());
		long before = 0;
		for (int t = 0; t < 6; t++) {
			before += total(this.instances.get(0), "g" + t);
		}
		ExecutorService load = Executors.newFixedThreadPool(6);
		try {
			for (int t = 0; t < 6; t++) {
				String id = "g" + t;
				load.submit(() -> {
					int i = 0;
					while (running.get()) {
						int status = add(this.instances.get(i++ % 2), id);
						if (status == 200) {
							acknowledged.incrementAndGet();
						}
						else if (status != -1) {
							errors.add(id + ":" + status);
						}
					}
				});
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() > 200 || errors.size() > 10);
			rejoined.process.destroy();
			assertThat(rejoined.process.waitFor(60, TimeUnit.SECONDS)).as("the leaving instance exits").isTrue();
			int mark = acknowledged.get();
			await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() > mark + 100 || errors.size() > 10);
		}
		finally {
			running.set(false);
			load.shutdown();
			assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(errors).as("server errors while an instance joined and left").isEmpty();
		long after = 0;
		for (int t = 0; t < 6; t++) {
			after += total(this.instances.get(0), "g" + t);
		}
		assertThat(after - before).isEqualTo(acknowledged.get());
	}

	private int add(Instance instance, String id) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(instance.base() + "/tally/" + id + "/add?by=1"))
				.timeout(Duration.ofSeconds(45))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private long total(Instance instance, String id) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(instance.base() + "/tally/" + id))
			.timeout(Duration.ofSeconds(45))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Matcher value = Pattern.compile("\"value\"\\s*:\\s*(\\d+)").matcher(response.body());
		assertThat(value.find()).as(response.body()).isTrue();
		return Long.parseLong(value.group(1));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** One instance of the application in its own JVM, stopped by pid whatever the outcome. */
	private static final class Instance implements AutoCloseable {

		final String nodeId;

		final int httpPort;

		final List<String> command;

		final Path log;

		Process process;

		Instance(String nodeId, int httpPort, int peerPort, String peers, int databasePort) throws IOException {
			this.nodeId = nodeId;
			this.httpPort = httpPort;
			this.log = Files.createTempFile("spawn-" + nodeId + "-", ".log");
			this.command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
					"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
					EmbeddedClusterApp.class.getName(), "--server.port=" + httpPort,
					"--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
					"--spring.datasource.username=postgres", "--spawn.system=tallies",
					"--spawn.embedded.node-id=" + nodeId, "--spawn.embedded.state.lease-duration=3s",
					"--spawn.embedded.cluster.discovery=static", "--spawn.embedded.cluster.peers=" + peers,
					"--spawn.embedded.cluster.port=" + peerPort, "--spawn.embedded.cluster.heartbeat-interval=300ms",
					"--spawn.embedded.cluster.member-timeout=2s", "--spawn.embedded.shutdown.timeout=20s",
					"--spawn.rest.routes[0].method=POST", "--spawn.rest.routes[0].path=/tally/{id}/add",
					"--spawn.rest.routes[0].actor=tally", "--spawn.rest.routes[0].action=add",
					"--spawn.rest.routes[1].method=GET", "--spawn.rest.routes[1].path=/tally/{id}",
					"--spawn.rest.routes[1].actor=tally", "--spawn.rest.routes[1].action=total",
					"--server.shutdown=graceful", "--management.endpoints.web.exposure.include=health,cluster");
		}

		String base() {
			return "http://127.0.0.1:" + this.httpPort;
		}

		void start() throws IOException {
			this.process = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}

		void awaitReady() {
			HttpClient client = HttpClient.newHttpClient();
			try {
				await().atMost(Duration.ofSeconds(120))
					.pollInterval(Duration.ofMillis(200))
					.ignoreExceptionsMatching((ex) -> ex instanceof IOException)
					.until(() -> {
						if (!this.process.isAlive()) {
							throw new IllegalStateException(this.nodeId + " exited");
						}
						return client.send(HttpRequest.newBuilder(URI.create(base() + "/tally/ready-probe"))
							.timeout(Duration.ofSeconds(5))
							.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
					});
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException(this.nodeId + " not ready: " + ex.getMessage() + "\n" + tail(), ex);
			}
		}

		String tail() {
			try {
				List<String> lines = Files.readAllLines(this.log);
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
			}
			catch (IOException ex) {
				return "";
			}
		}

		@Override
		public void close() throws Exception {
			if (this.process != null && this.process.isAlive()) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}

	}

}
