package io.spawn.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.test.sample.AuditActor;
import io.spawn.test.sample.CounterActor;
import io.spawn.test.sample.CounterActor.Add;
import io.spawn.test.sample.TransferActor;
import io.spawn.client.ActorRefs;
import io.spawn.client.SpawnClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@SpawnTest(classes = SpawnTestIntegrationTests.App.class)
class SpawnTestIntegrationTests {

	@Autowired
	ActorRefs<CounterActor> counters;

	@Autowired
	SpawnClient client;

	@Autowired
	SpawnTestClock clock;

	@Autowired
	SpawnTestRecorder recorder;

	@Test
	void advancingTheClockFiresDelayedCalls() {
		this.counters.get("later").after(Duration.ofHours(1)).action(CounterActor::add, new Add(3)).tell();
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(this.counters.get("later").call(CounterActor::total).value()).isZero();
		this.clock.advance(Duration.ofMinutes(1));
		await().untilAsserted(() -> assertThat(this.counters.get("later").call(CounterActor::total).value()).isEqualTo(3));
	}

	@Test
	void recorderSeesBroadcastsAndTheySubscribersReceiveThem() {
		this.counters.get("big").call(CounterActor::add, new Add(4_000));
		assertThat(this.recorder.broadcasts("big-totals")).anySatisfy((b) -> assertThat(b.actor()).isEqualTo("big"));
		await().untilAsserted(() -> assertThat(this.client.refs(AuditActor.class).get().call(AuditActor::entries).totals())
			.contains(4_000L));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ CounterActor.class, AuditActor.class, TransferActor.class })
	static class App {

	}

}
