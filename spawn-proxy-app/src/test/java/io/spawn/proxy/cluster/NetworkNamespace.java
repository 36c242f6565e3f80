package io.spawn.proxy.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace joined to the test's namespace by veth pairs on addresses the test creates, for
 * partition tests: {@link #cut} takes a pair's link down (packets are dropped, connections hang as they would behind
 * a failed switch), {@link #heal} brings it back. Needs root and iproute2; {@link #close} removes everything it made.
 */
final class NetworkNamespace implements AutoCloseable {

	private final String name;

	private final List<String> hostSides = new ArrayList<>();

	private NetworkNamespace(String name) {
		this.name = name;
	}

	/** Whether this process may create namespaces (root with iproute2). */
	static boolean available() {
		try {
			return "0".equals(run(List.of("id", "-u")).strip()) && !run(List.of("ip", "netns", "list")).contains("Error");
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

	static NetworkNamespace create(String name) throws IOException {
		NetworkNamespace namespace = new NetworkNamespace(name);
		runQuietly(List.of("ip", "netns", "del", name));
		ip("netns", "add", name);
		namespace.inside("link", "set", "lo", "up");
		return namespace;
	}

	String name() {
		return this.name;
	}

	/**
	 * Adds a veth pair: {@code hostSide} stays in the test's namespace with {@code hostCidr}, {@code insideSide} moves
	 * into this namespace with {@code insideCidr}; both are brought up.
	 */
	void link(String hostSide, String hostCidr, String insideSide, String insideCidr) throws IOException {
		runQuietly(List.of("ip", "link", "del", hostSide));
		ip("link", "add", hostSide, "type", "veth", "peer", "name", insideSide);
		this.hostSides.add(hostSide);
		ip("link", "set", insideSide, "netns", this.name);
		ip("addr", "add", hostCidr, "dev", hostSide);
		ip("link", "set", hostSide, "up");
		inside("addr", "add", insideCidr, "dev", insideSide);
		inside("link", "set", insideSide, "up");
	}

	void cut(String hostSide) throws IOException {
		ip("link", "set", hostSide, "down");
	}

	void heal(String hostSide) throws IOException {
		ip("link", "set", hostSide, "up");
	}

	private void inside(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("ip", "-n", this.name));
		command.addAll(List.of(arguments));
		run(command);
	}

	private static void ip(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("ip"));
		command.addAll(List.of(arguments));
		run(command);
	}

	private static String run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish within 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException(ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
					+ output.strip());
		}
		return output;
	}

	private static void runQuietly(List<String> command) {
		try {
			run(command);
		}
		catch (IOException | IllegalStateException ex) {
			// Nothing left over from an earlier run.
		}
	}

	@Override
	public void close() {
		for (String hostSide : this.hostSides) {
			runQuietly(List.of("ip", "link", "del", hostSide));
		}
		runQuietly(List.of("ip", "netns", "del", this.name));
	}

}
