package io.spawn.benchmarks;

import io.spawn.internal.runtime.RuntimeSettings;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs in its own JVM (started by {@link MemoryBenchmark}): activates N idle actors in Spawn or N entities in
 * Pekko and prints the heap after a full GC before and after, so that nothing else in the harness sits in the
 * difference. The actors carry no state (Spawn: a stateful actor whose {@code touch} sets none; Pekko: an entity
 * holding one {@code long}).
 */
final class MemoryProbe {

	static final String COMMAND = "memory-probe";

	private static final int CALLERS = 16;

	private static final int WARM_ACTORS = 10_000;

	private MemoryProbe() {
	}

	/** {@code memory-probe spawn|pekko ACTORS}; prints one {@code RESULT} line. */
	static void main(String[] args) throws Exception {
		String kind = args[0];
		int actors = Integer.parseInt(args[1]);
		Duration idle = Duration.ofHours(2);
		long before;
		long after;
		long seconds;
		Object keep;
		switch (kind) {
			case "spawn" -> {
				SpawnNode node = SpawnNode.inMemory(RuntimeSettings.defaults()
					.withDefaultIdleTimeout(idle)
					.withMaxActivations(actors + 2 * WARM_ACTORS));
				activate("warm-", WARM_ACTORS, (name) -> node.touch(SpawnNode.COUNTER, name));
				before = heapAfterGc();
				long start = System.nanoTime();
				activate("idle-", actors, (name) -> node.touch(SpawnNode.COUNTER, name));
				seconds = (System.nanoTime() - start) / 1_000_000_000L;
				after = heapAfterGc();
				if (node.runtime.activeActors() < actors) {
					throw new IllegalStateException("only " + node.runtime.activeActors() + " actors active");
				}
				keep = node;
			}
			case "pekko" -> {
				PekkoNode node = new PekkoNode(idle);
				activate("warm-", WARM_ACTORS, node::touch);
				before = heapAfterGc();
				long start = System.nanoTime();
				activate("idle-", actors, node::touch);
				seconds = (System.nanoTime() - start) / 1_000_000_000L;
				after = heapAfterGc();
				keep = node;
			}
			default -> throw new IllegalArgumentException(kind);
		}
		System.out.printf(Locale.ROOT, "RESULT %s %d %d %d %d%n", kind, actors, before, after, seconds);
		System.out.flush();
		Reference.reachabilityFence(keep);
		System.exit(0);
	}

	@FunctionalInterface
	interface Touch {

		void touch(String name) throws Exception;

	}

	private static void activate(String prefix, int count, Touch touch) throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		for (int t = 0; t < CALLERS; t++) {
			int first = t;
			threads.add(Thread.ofPlatform().start(() -> {
				try {
					for (int i = first; i < count; i += CALLERS) {
						touch.touch(prefix + i);
					}
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("activation failed", failure.get());
		}
	}

	private static long heapAfterGc() throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(200);
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
