package io.spawn.internal.runtime;

import static io.spawn.internal.runtime.RuntimeFixture.SYSTEM;
import static io.spawn.internal.runtime.RuntimeFixture.actor;
import static io.spawn.internal.runtime.RuntimeFixture.named;
import static io.spawn.internal.runtime.RuntimeFixture.request;
import static io.spawn.internal.runtime.RuntimeFixture.timer;
import static io.spawn.internal.runtime.RuntimeFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.Kind;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActorRuntimeSchedulingTests {

	private final RuntimeFixture fixture = new RuntimeFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void delayedCallFiresAtItsDueTimeAndNotBefore() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));
		long due = this.fixture.clock.millis() + 5_000;

		InvocationResult accepted = this.fixture.runtime
			.invoke(request("counter", "add").setValue(ScriptedHost.number(3)).setScheduledTo(due).build());
		assertThat(accepted.ok()).isTrue();
		assertThat(accepted.response().hasNoop()).isTrue();

		this.fixture.advance(Duration.ofMillis(4_999));
		assertThat(this.fixture.host.received("counter")).isEmpty();
		this.fixture.advance(Duration.ofMillis(1));
		await().until(() -> this.fixture.host.received("counter").size() == 1);
		assertThat(value(this.fixture.call("counter", "get"))).isEqualTo(3);
		assertThat(this.fixture.host.received("counter").get(0).getCurrentContext().getMetadataMap())
			.containsKey(ScheduledInvocation.ID_METADATA);
	}

	@Test
	void delayedCallsFireInDueOrder() {
		this.fixture.host.on("log", "append",
				(i) -> ScriptedHost.reply(i, ScriptedHost.state(i) * 10 + ScriptedHost.input(i), ScriptedHost.number(0))
					.build());
		this.fixture.register(named("log", "append"));
		long now = this.fixture.clock.millis();
		for (int digit : new int[] { 3, 1, 2 }) {
			this.fixture.runtime.invoke(request("log", "append").setValue(ScriptedHost.number(digit))
				.setScheduledTo(now + digit * 1_000L)
				.build());
		}
		for (int second = 1; second <= 3; second++) {
			this.fixture.advance(Duration.ofSeconds(1));
			int expected = second;
			await().until(() -> this.fixture.host.received("log").size() == expected);
		}
		assertThat(value(this.fixture.call("log", "get"))).isEqualTo(123);
	}

	@Test
	void delayedCallInThePastRunsAtOnce() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));
		this.fixture.runtime.invoke(request("counter", "add").setValue(ScriptedHost.number(1))
			.setScheduledTo(this.fixture.clock.millis() - 1)
			.build());
		await().until(() -> this.fixture.host.received("counter").size() == 1);
	}

	@Test
	void timerActionRepeatsAndStopsWhenUnregistered() {
		this.fixture.host.on("ticker", "tick", ScriptedHost::add);
		this.fixture.register(timer(named("ticker", "tick"), "tick", 1_000));

		this.fixture.advance(Duration.ofMillis(999));
		assertThat(this.fixture.host.received("ticker")).isEmpty();
		for (int n = 1; n <= 3; n++) {
			this.fixture.advance(Duration.ofMillis(1_000));
			int expected = n;
			await().until(() -> this.fixture.host.received("ticker").size() == expected);
		}
		assertThat(this.fixture.host.received("ticker").get(0).getCaller().getName()).isEqualTo("ticker");
		assertThat(this.fixture.host.received("ticker").get(0).hasNoop()).isTrue();

		this.fixture.register(named("ticker", "tick"));
		this.fixture.advance(Duration.ofSeconds(5));
		assertThat(this.fixture.host.received("ticker")).hasSize(3);
	}

	@Test
	void timerCanBeCancelled() {
		this.fixture.host.on("ticker", "tick", ScriptedHost::add);
		this.fixture.register(timer(named("ticker", "tick"), "tick", 1_000));
		this.fixture.advance(Duration.ofMillis(1_000));
		await().until(() -> this.fixture.host.received("ticker").size() == 1);

		assertThat(this.fixture.runtime.cancelTimer(SYSTEM, "ticker", "tick")).isTrue();
		this.fixture.advance(Duration.ofSeconds(5));
		assertThat(this.fixture.host.received("ticker")).hasSize(1);
		assertThat(this.fixture.runtime.cancelTimer(SYSTEM, "ticker", "tick")).isFalse();
	}

	@Test
	void reRegistrationKeepsRunningTimersInPhase() {
		this.fixture.host.on("ticker", "tick", ScriptedHost::add);
		this.fixture.register(timer(named("ticker", "tick"), "tick", 1_000));
		this.fixture.advance(Duration.ofMillis(600));
		this.fixture.register(timer(named("ticker", "tick"), "tick", 1_000));
		this.fixture.advance(Duration.ofMillis(400));
		await().until(() -> this.fixture.host.received("ticker").size() == 1);
	}

	@Test
	void instanceTimerStopsWhenItsTemplateNoLongerDeclaresTheAction() {
		this.fixture.host.on("sensor", "poll", ScriptedHost::add);
		this.fixture.register(timer(actor("sensor", Kind.UNNAMED), "poll", 500));
		this.fixture.runtime.spawn(SYSTEM, SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setName("s-1").setParent("sensor"))
			.build(), null);
		this.fixture.advance(Duration.ofMillis(500));
		await().until(() -> this.fixture.host.received("s-1").size() == 1);

		this.fixture.register(actor("sensor", Kind.UNNAMED, "read"));
		this.fixture.advance(Duration.ofMillis(500));
		await().until(() -> ((io.spawn.internal.schedule.InMemoryInvocationScheduler) this.fixture.scheduler).size() == 0);
		this.fixture.advance(Duration.ofSeconds(3));
		assertThat(this.fixture.host.received("s-1")).hasSize(1);
	}

	@Test
	void delayedCallWaitsForItsSystemToRegister() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		long due = this.fixture.clock.millis() + 1_000;
		this.fixture.scheduler.schedule(new ScheduledInvocation("early", request("counter", "add")
			.setValue(ScriptedHost.number(2)).build(), due, 0));
		this.fixture.advance(Duration.ofMillis(1_000));
		assertThat(((io.spawn.internal.schedule.InMemoryInvocationScheduler) this.fixture.scheduler).size())
			.as("kept while the system is unknown").isEqualTo(1);
		this.fixture.register(named("counter", "add"));
		this.fixture.advance(Duration.ofSeconds(1));
		await().until(() -> this.fixture.host.received("counter").size() == 1);
	}

	@Test
	void unnamedInstancesRunTheirTemplatesTimers() {
		this.fixture.host.on("sensor", "poll", ScriptedHost::add);
		this.fixture.register(timer(actor("sensor", Kind.UNNAMED), "poll", 500));
		this.fixture.runtime.spawn(SYSTEM, SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setName("s-1").setParent("sensor"))
			.addActors(ActorId.newBuilder().setName("s-2").setParent("sensor"))
			.build(), null);

		this.fixture.advance(Duration.ofMillis(500));
		await().until(() -> this.fixture.host.received("s-1").size() == 1 && this.fixture.host.received("s-2").size() == 1);
	}

}
