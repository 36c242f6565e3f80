package io.spawn.proxy.cluster;

import java.io.File;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One proxy JVM started from the executable jar for a multi-process test: free ports, output to a log file,
 * readiness awaited with a bound, and stopped by its pid (SIGTERM, SIGKILL, SIGSTOP/SIGCONT) whatever the test's
 * outcome.
 */
final class ProxyProcess implements AutoCloseable {

	static final String JAR = System.getProperty("spawn.proxy.jar", "target/spawn-proxy-app-0.1.0-SNAPSHOT.jar");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	final String nodeId;

	final int httpPort;

	final int peerPort;

	final Path log;

	private final List<String> arguments;

	private String address = "127.0.0.1";

	private Process process;

	private ProxyProcess(String nodeId, int httpPort, int peerPort, Path log, List<String> arguments) {
		this.nodeId = nodeId;
		this.httpPort = httpPort;
		this.peerPort = peerPort;
		this.log = log;
		this.arguments = arguments;
	}

	/**
	 * Prepares (does not start) a proxy.
	 * @param settings {@code spawn.proxy.*} settings beyond the ports and node id, as command-line arguments
	 */
	static ProxyProcess prepare(String nodeId, int httpPort, int peerPort, Map<String, String> settings)
			throws IOException {
		File jar = new File(JAR);
		if (!jar.exists()) {
			throw new IllegalStateException("the proxy's executable jar " + jar.getAbsolutePath()
					+ " is missing: run the package phase first (mvn verify does)");
		}
		Path log = Files.createTempFile("spawn-" + nodeId + "-", ".log");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.getAbsolutePath(),
				"--spawn.proxy.http.port=" + httpPort, "--spawn.proxy.node-id=" + nodeId,
				"--spawn.proxy.cluster.port=" + peerPort, "--spawn.proxy.data-dir=" + log.getParent().resolve(nodeId)));
		settings.forEach((key, value) -> command.add("--" + key + "=" + value));
		return new ProxyProcess(nodeId, httpPort, peerPort, log, command);
	}

	/**
	 * Adds options of the proxy's JVM (system properties), before its jar.
	 * @param options the options
	 * @return this process
	 */
	ProxyProcess withJvmOptions(String... options) {
		this.arguments.addAll(1, List.of(options));
		return this;
	}

	/**
	 * Runs the proxy inside a network namespace ({@code ip netns exec}, the process keeps its pid), where the test
	 * reaches its HTTP port at the given address.
	 */
	ProxyProcess inNamespace(String namespace, String httpAddress) {
		this.arguments.addAll(0, List.of("ip", "netns", "exec", namespace));
		this.address = httpAddress;
		return this;
	}

	ProxyProcess start() throws IOException {
		ProcessBuilder builder = new ProcessBuilder(this.arguments).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		this.process = builder.start();
		return this;
	}

	long pid() {
		return this.process.pid();
	}

	boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	String base() {
		return "http://" + this.address + ":" + this.httpPort;
	}

	/** Waits until readiness answers 200, or fails with the end of the log. */
	void awaitReady(Duration timeout) {
		try {
			org.awaitility.Awaitility.await()
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptionsMatching((ex) -> ex instanceof IOException)
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException(this.nodeId + " exited with " + this.process.exitValue());
					}
					return http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
				});
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(this.nodeId + " not ready within " + timeout + " (" + ex.getMessage()
					+ "):\n" + tail(), ex);
		}
	}

	/** SIGKILL: no shutdown hook, no flush, no release. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	/** SIGTERM: a graceful leave. Fails with the member's threads and log when it does not exit in time. */
	void terminate(Duration timeout) throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			Path dump = Files.createTempFile("spawn-" + this.nodeId + "-threads-", ".json");
			Files.delete(dump);
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					Long.toString(pid()), "Thread.dump_to_file", "-format=json", dump.toString()).inheritIO().start();
			jcmd.waitFor(20, TimeUnit.SECONDS);
			throw new AssertionError(this.nodeId + " did not exit within " + timeout + " of SIGTERM; threads in " + dump
					+ "\n" + tail());
		}
	}

	void pause() throws Exception {
		signal("STOP");
	}

	void resume() throws Exception {
		signal("CONT");
	}

	private void signal(String name) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
		if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
		}
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws Exception {
		if (this.process != null && this.process.isAlive()) {
			resume();
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * The settings every member of a test cluster shares: its system and host, the PostgreSQL database, static
	 * discovery with fast heartbeats (300 ms, members dead after 2 s), and the cluster endpoint exposed.
	 */
	static Map<String, String> memberSettings(String system, int hostPort, String databaseHost, int databasePort,
			String peers) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spawn.proxy.actor-system", system);
		settings.put("spawn.proxy.host.port", Integer.toString(hostPort));
		settings.put("spawn.proxy.database.type", "postgres");
		settings.put("spawn.proxy.database.host", databaseHost);
		settings.put("spawn.proxy.database.port", Integer.toString(databasePort));
		settings.put("spawn.proxy.database.name", "postgres");
		settings.put("spawn.proxy.database.username", "postgres");
		settings.put("spawn.proxy.cluster.discovery", "static");
		settings.put("spawn.proxy.cluster.peers", peers);
		settings.put("spawn.proxy.cluster.heartbeat-interval", "300ms");
		settings.put("spawn.proxy.cluster.member-timeout", "2s");
		settings.put("management.endpoints.web.exposure.include", "health,cluster");
		return settings;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
