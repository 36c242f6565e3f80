package io.spawn.proxy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.host.HostException;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.time.SystemRuntimeClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The runtime drains when its application context closes, and only then; readiness follows.
 */
class RuntimeLifecycleTests {

	private final SystemRuntimeClock clock = new SystemRuntimeClock();

	private final ActorRuntime runtime = new ActorRuntime((invocation, timeout) -> {
		throw new HostException(HostException.Reason.UNAVAILABLE, "no host");
	}, new InMemoryActorStateStore(), new InMemoryInvocationScheduler(this.clock), this.clock,
			RuntimeSettings.defaults(), RuntimeObserver.NONE);

	private final GenericApplicationContext context = new GenericApplicationContext();

	private final RuntimeLifecycle lifecycle = new RuntimeLifecycle(this.runtime, Duration.ofSeconds(5));

	private final RuntimeHealthIndicator health = new RuntimeHealthIndicator(this.runtime);

	@AfterEach
	void close() {
		this.clock.close();
	}

	@Test
	void aStoppedContextThatIsNotClosingKeepsTheRuntimeServing() {
		this.lifecycle.setApplicationContext(this.context);
		this.lifecycle.start();

		this.lifecycle.stop();
		this.lifecycle.start();

		assertThat(this.runtime.isDraining()).isFalse();
		assertThat(this.lifecycle.isRunning()).isTrue();
		assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aClosingContextDrainsTheRuntimeAndReadinessGoesDown() {
		this.lifecycle.setApplicationContext(this.context);
		this.lifecycle.start();

		this.lifecycle.onApplicationEvent(new ContextClosedEvent(this.context));
		this.lifecycle.stop();

		assertThat(this.runtime.isDraining()).isTrue();
		assertThat(this.lifecycle.isRunning()).isFalse();
		Health health = this.health.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("draining", true);
	}

	@Test
	void anotherContextClosingIsIgnored() {
		this.lifecycle.setApplicationContext(this.context);
		this.lifecycle.start();

		this.lifecycle.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
		this.lifecycle.stop();

		assertThat(this.runtime.isDraining()).isFalse();
	}

}
