package io.spawn.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import io.spawn.autoconfigure.sample.AuditActor;
import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.autoconfigure.sample.CounterActor.Add;
import io.spawn.autoconfigure.sample.CounterActor.Total;
import io.spawn.autoconfigure.sample.TransferActor;
import io.spawn.client.ActorCallException;
import io.spawn.client.ActorRefs;
import io.spawn.client.CallStatus;
import io.spawn.client.SpawnClient;
import io.spawn.internal.model.ActorDefinitionException;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.time.ManualRuntimeClock;
import io.spawn.internal.time.RuntimeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

class SpawnAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
		.withUserConfiguration(CounterActor.class, AuditActor.class, TransferActor.class);

	@SuppressWarnings("unchecked")
	private static ActorRefs<CounterActor> counters(org.springframework.context.ApplicationContext context) {
		return (ActorRefs<CounterActor>) context
			.getBeanProvider(ResolvableType.forClassWithGenerics(ActorRefs.class, CounterActor.class))
			.getObject();
	}

	private static Throwable rootCause(org.springframework.boot.test.context.assertj.AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return org.springframework.core.NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
	}

	@Test
	void typedReferencesCallActorsByMethodReference() {
		this.contextRunner.run((context) -> {
			ActorRefs<CounterActor> counters = counters(context);
			Total first = counters.get("a").call(CounterActor::add, new Add(5));
			Total second = counters.get("a").call(CounterActor::add, new Add(7));
			assertThat(first.value()).isEqualTo(5);
			assertThat(second.value()).isEqualTo(12);
			assertThat(counters.get("b").call(CounterActor::total).value()).as("instances are separate").isZero();
			assertThat(counters.get("a").action(CounterActor::add, new Add(1)).callAsync().join().value()).isEqualTo(13);
		});
	}

	@Test
	void onActivateRunsOncePerActivation() {
		this.contextRunner.run((context) -> {
			ActorRefs<CounterActor> counters = counters(context);
			counters.get("a").call(CounterActor::add, new Add(1));
			counters.get("a").call(CounterActor::add, new Add(1));
			Total total = counters.get("a").call(CounterActor::total);
			assertThat(total.value()).isEqualTo(2);
		});
	}

	@Test
	void effectErrorArrivesAsTypedExceptionWithItsCode() {
		this.contextRunner.run((context) -> {
			ActorRefs<CounterActor> counters = counters(context);
			counters.get("acct").call(CounterActor::add, new Add(10));
			assertThatThrownBy(() -> counters.get("acct").call(CounterActor::withdraw, new Add(50)))
				.isInstanceOfSatisfying(ActorCallException.class, (ex) -> {
					assertThat(ex.status()).isEqualTo(CallStatus.ACTION_FAILED);
					assertThat(ex.errorCode()).isEqualTo("insufficient-funds");
					assertThat(ex.getMessage()).isEqualTo("cannot take 50 from 10");
				});
			assertThat(counters.get("acct").call(CounterActor::total).value()).as("state unchanged").isEqualTo(10);
		});
	}

	@Test
	void exceptionInAnActionArrivesWithItsMessage() {
		this.contextRunner.run((context) -> {
			assertThatThrownBy(() -> counters(context).get("x").call(CounterActor::explode, new Add(3)))
				.isInstanceOf(ActorCallException.class)
				.hasMessage("boom 3");
		});
	}

	@Test
	void contextCarriesSelfSystemAndMetadata() {
		this.contextRunner.withPropertyValues("spawn.system=shop").run((context) -> {
			String who = counters(context).get("c-1").withMetadata("traceparent", "00-t-s-01")
				.call(CounterActor::whoAmI);
			assertThat(who).isEqualTo("c-1@shop trace=00-t-s-01");
		});
	}

	@Test
	void actorsCallEachOtherThroughInjectedReferences() {
		this.contextRunner.run((context) -> {
			ActorRefs<CounterActor> counters = counters(context);
			counters.get("alice").call(CounterActor::add, new Add(100));
			SpawnClient client = context.getBean(SpawnClient.class);
			Total total = client.refs(TransferActor.class).get().call(TransferActor::transfer,
					new TransferActor.Transfer("alice", "bob", 40));
			assertThat(total.value()).isEqualTo(40);
			assertThat(counters.get("alice").call(CounterActor::total).value()).isEqualTo(60);
		});
	}

	@Test
	void broadcastReachesSubscribedActors() {
		this.contextRunner.run((context) -> {
			counters(context).get("whale").call(CounterActor::add, new Add(5_000));
			SpawnClient client = context.getBean(SpawnClient.class);
			await().untilAsserted(() -> assertThat(client.refs(AuditActor.class).get().call(AuditActor::entries).totals())
				.containsExactly(5_000L));
		});
	}

	@Test
	void delayedCallRunsWhenTheClockReachesIt() {
		ManualRuntimeClock clock = new ManualRuntimeClock(Instant.parse("2026-01-01T00:00:00Z"));
		this.contextRunner.withBean(RuntimeClock.class, () -> clock).run((context) -> {
			ActorRefs<CounterActor> counters = counters(context);
			counters.get("later").after(Duration.ofMinutes(5)).action(CounterActor::add, new Add(9)).tell();
			assertThat(counters.get("later").call(CounterActor::total).value()).isZero();
			clock.advance(Duration.ofMinutes(5));
			await().untilAsserted(() -> assertThat(counters.get("later").call(CounterActor::total).value()).isEqualTo(9));
		});
	}

	@Test
	void stateGoesToTheApplicationsDataSourceAndSurvivesARestart() {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		ApplicationContextRunner withDatabase = this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url);
		withDatabase.run((context) -> {
			assertThat(context.getBean(EmbeddedStatePersistence.class).durable()).isTrue();
			counters(context).get("kept").call(CounterActor::add, new Add(42));
		});
		withDatabase.run((context) -> assertThat(counters(context).get("kept").call(CounterActor::total).value())
			.isEqualTo(42));
	}

	@Test
	void healthAndEndpointDescribeTheActors() {
		this.contextRunner.run((context) -> {
			var health = context.getBean("spawnHealthIndicator", org.springframework.boot.health.contributor.HealthIndicator.class)
				.health(true);
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			assertThat(health.getDetails()).containsEntry("mode", "embedded").containsEntry("durableState", false);
			SpawnActorsEndpoint.Description description = new SpawnActorsEndpoint(context.getBean(SpawnActors.class),
					context.getBean(SpawnProperties.class))
				.actors();
			assertThat(description.actors()).containsKeys("counter", "audit", "transfers");
			assertThat(description.actors().get("counter").kind()).isEqualTo("UNNAMED");
			assertThat(description.actors().get("counter").actions()).contains("add", "total", "withdraw", "init");
			assertThat(description.actors().get("audit").channels()).containsEntry("big-totals", "onBigTotal");
		});
	}

	@Test
	void everyActionIsObservedWithActorAndActionTags() {
		List<io.micrometer.observation.Observation.Context> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
		io.micrometer.observation.ObservationRegistry observations = io.micrometer.observation.ObservationRegistry.create();
		observations.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {

			@Override
			public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(io.micrometer.observation.Observation.Context context) {
				stopped.add(context);
			}

		});
		this.contextRunner.withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
			.run((context) -> {
				counters(context).get("obs").withMetadata("traceparent", "00-abc-def-01").call(CounterActor::add, new Add(1));
				List<io.micrometer.observation.Observation.Context> contexts = stopped.stream()
					.filter((observed) -> "spawn.action".equals(observed.getName()))
					.toList();
				assertThat(contexts)
					.anySatisfy((observed) -> {
						assertThat(observed.getLowCardinalityKeyValue("actor").getValue()).isEqualTo("counter");
						assertThat(observed.getLowCardinalityKeyValue("action").getValue()).isEqualTo("add");
						assertThat(observed.getHighCardinalityKeyValue("traceparent").getValue()).isEqualTo("00-abc-def-01");
					})
					.anySatisfy((observed) -> assertThat(observed.getLowCardinalityKeyValue("action").getValue())
						.as("the init action is observed too").isEqualTo("init"));
			});
	}

	@Test
	void withoutADataSourceStateIsKeptInMemory() {
		this.contextRunner.run((context) -> assertThat(context.getBean(EmbeddedStatePersistence.class).durable()).isFalse());
	}

	@Test
	void backsOffWhenDisabled() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
			.withUserConfiguration(CounterActor.class)
			.withPropertyValues("spawn.enabled=false")
			.run((context) -> {
			assertThat(context).doesNotHaveBean(SpawnClient.class);
			assertThat(context).doesNotHaveBean(ActorRuntime.class);
		});
	}

	@Test
	void userClockReplacesTheDefault() {
		ManualRuntimeClock clock = new ManualRuntimeClock(Instant.parse("2026-01-01T00:00:00Z"));
		this.contextRunner.withBean(RuntimeClock.class, () -> clock)
			.run((context) -> assertThat(context.getBean(RuntimeClock.class)).isSameAs(clock));
	}

	@Test
	void propertiesOverrideActorSettings() {
		this.contextRunner
			.withPropertyValues("spawn.actors.counter.idle-timeout=7s", "spawn.actors.counter.write-through=true",
					"spawn.actors.counter.tags.team=payments")
			.run((context) -> {
				var model = context.getBean(SpawnActors.class).models().byName("counter");
				assertThat(model.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(model.writeThrough()).isTrue();
				assertThat(model.tags()).containsEntry("team", "payments");
				assertThat(model.snapshotInterval()).as("annotation value kept").isEqualTo(Duration.ofMillis(100));
			});
	}

	@Test
	void overrideOfAnUnknownActorFailsStartup() {
		this.contextRunner.withPropertyValues("spawn.actors.countr.idle-timeout=7s")
			.run((context) -> assertThat(rootCause(context))
				.hasMessageContaining("spawn.actors.countr configures an actor that does not exist"));
	}

	@Test
	void duplicateActionNamesFailStartupNamingTheMethods() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
			.withUserConfiguration(DuplicateActions.class)
			.run((context) -> assertThat(rootCause(context))
				.isInstanceOf(ActorDefinitionException.class)
				.hasMessageContaining("declares action 'add' twice")
				.hasMessageContaining("DuplicateActions.add(Long)")
				.hasMessageContaining("DuplicateActions.plus(Long)"));
	}

	@Test
	void unresolvableParameterFailsStartupNamingTheMethod() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
			.withUserConfiguration(TwoCommands.class)
			.run((context) -> assertThat(rootCause(context))
				.hasMessageContaining("TwoCommands.both: cannot resolve parameter 2 of type Integer"));
	}

	@Test
	void undeterminableStateTypeFailsStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
			.withUserConfiguration(NoStateType.class)
			.run((context) -> assertThat(rootCause(context))
				.hasMessageContaining("cannot determine the state type of stateful actor"));
	}

	@Actor(stateful = false)
	static class DuplicateActions {

		@Action
		public Long add(Long value) {
			return value;
		}

		@Action("add")
		public Long plus(Long value) {
			return value;
		}

	}

	@Actor(stateful = false)
	static class TwoCommands {

		@Action
		public Long both(Long value, Integer other) {
			return value;
		}

	}

	@Actor(kind = ActorKind.NAMED)
	static class NoStateType {

		@Action
		public Effect<Object, Long> add(Long value) {
			return Effect.reply(value);
		}

	}

}
