package io.spawn.benchmarks;

import io.spawn.internal.runtime.RuntimeSettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH view of benchmark 1's single-caller comparison: one embedded call (request built, mailbox, drain on a new
 * virtual thread, in-process host, reply) vs a bare executor hand-off round trip, as sampled latencies. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main HandOff}; JMH runs the methods one after
 * the other, not interleaved, so prefer the harness's ratios on a noisy machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Threads(1)
public class HandOffMicroBenchmark {

	private SpawnNode spawn;

	private ExecutorService virtualExecutor;

	private ExecutorService platformExecutor;

	private final AtomicLong counter = new AtomicLong();

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		this.spawn = SpawnNode.inMemory(RuntimeSettings.defaults());
		this.virtualExecutor = Executors.newVirtualThreadPerTaskExecutor();
		this.platformExecutor = Executors.newSingleThreadExecutor();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.spawn.close();
		this.virtualExecutor.close();
		this.platformExecutor.close();
	}

	@Benchmark
	public long embeddedCall() {
		this.next = (this.next + 1) % EmbeddedCallsBenchmark.ACTORS;
		return this.spawn.add(SpawnNode.COUNTER, "counter-" + this.next, 1);
	}

	@Benchmark
	public long virtualThreadHandOff() throws Exception {
		return this.virtualExecutor.submit(this.counter::incrementAndGet).get();
	}

	@Benchmark
	public long platformThreadHandOff() throws Exception {
		return this.platformExecutor.submit(this.counter::incrementAndGet).get();
	}

}
