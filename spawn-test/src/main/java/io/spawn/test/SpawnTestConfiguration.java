package io.spawn.test;

import io.spawn.autoconfigure.ActorInvocationListener;
import io.spawn.internal.time.RuntimeClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The beans a {@link SpawnTest} adds: the virtual clock (it replaces the runtime's clock) and the recorder.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SpawnTestConfiguration {

	@Bean
	SpawnTestClock spawnTestClock() {
		return new SpawnTestClock(Instant.parse("2030-01-01T00:00:00Z"));
	}

	/** The runtime's clock, replacing the system clock: the test clock's internal side. */
	@Bean
	RuntimeClock spawnTestRuntimeClock(SpawnTestClock clock) {
		return clock.runtimeClock();
	}

	@Bean
	SpawnTestRecorder spawnTestRecorder() {
		return new SpawnTestRecorder();
	}

	@Bean
	ActorInvocationListener spawnTestRecorderListener(SpawnTestRecorder recorder) {
		return recorder::record;
	}

}
