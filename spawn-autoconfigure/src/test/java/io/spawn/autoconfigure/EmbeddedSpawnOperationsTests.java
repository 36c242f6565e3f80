package io.spawn.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.autoconfigure.sample.CounterActor.Add;
import io.spawn.client.ActorRefs;
import io.spawn.client.SpawnOperations;
import io.spawn.client.SpawnOperationsException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * {@link SpawnOperations} in embedded mode, over the runtime that runs the application's actors.
 */
class EmbeddedSpawnOperationsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
		.withUserConfiguration(CounterActor.class);

	@SuppressWarnings("unchecked")
	private static ActorRefs<CounterActor> counters(ApplicationContext context) {
		return (ActorRefs<CounterActor>) context
			.getBeanProvider(ResolvableType.forClassWithGenerics(ActorRefs.class, CounterActor.class))
			.getObject();
	}

	@Test
	void listsReadsAndRestoresTheApplicationsActors() {
		this.contextRunner.run((context) -> {
			SpawnOperations operations = context.getBean(SpawnOperations.class);
			String system = context.getBean(SpawnProperties.class).getSystem();
			ActorRefs<CounterActor> counters = counters(context);
			counters.get("a").call(CounterActor::add, new Add(5));
			// Active at once (its lease), stored once its first snapshot is written (100 ms, write-behind).
			await().atMost(Duration.ofSeconds(5))
				.until(() -> operations.find(system, "a").map(SpawnOperations.ActorInfo::revision).orElse(0L) > 0);
			long first = operations.find(system, "a").orElseThrow().revision();
			counters.get("a").call(CounterActor::add, new Add(7));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> operations.state(system, "a").json(), (json) -> json != null && json.contains("12"));
			counters.get("b").call(CounterActor::add, new Add(1));
			await().atMost(Duration.ofSeconds(5)).until(() -> operations.find(system, "b").isPresent());

			SpawnOperations.Page<SpawnOperations.ActorInfo> page = operations.list(system, "counter", null,
					SpawnOperations.Activity.ACTIVE, null, 10);
			SpawnOperations.StateInfo state = operations.state(system, "a");

			assertThat(page.items()).extracting(SpawnOperations.ActorInfo::name).containsExactly("a", "b");
			assertThat(page.items().get(0).owner()).isNotNull();
			assertThat(state.status()).isEqualTo("JSON");
			assertThat(state.json()).contains("\"value\":12");
			assertThat(operations.history(system, "a")).extracting(SpawnOperations.RevisionInfo::revision)
				.contains(first);

			SpawnOperations.ActorInfo restored = operations.restore(system, "a", first);

			assertThat(restored.revision()).isGreaterThan(first);
			assertThat(operations.state(system, "a").json()).contains("\"value\":5");
			assertThat(counters.get("a").call(CounterActor::total).value()).as("the running actor goes on from it")
				.isEqualTo(5);
			assertThat(operations.find(system, "nobody")).isEmpty();
			assertThatThrownBy(() -> operations.list(system, null, null, SpawnOperations.Activity.ANY, null, 501))
				.isInstanceOf(SpawnOperationsException.class)
				.extracting((ex) -> ((SpawnOperationsException) ex).getReason())
				.isEqualTo(SpawnOperationsException.Reason.INVALID);
		});
	}

	@Test
	void aUserBeanReplacesTheDefault() {
		this.contextRunner.withBean(SpawnOperations.class, () -> new UnusedOperations()).run((context) -> {
			assertThat(context).hasSingleBean(SpawnOperations.class);
			assertThat(context.getBean(SpawnOperations.class)).isInstanceOf(UnusedOperations.class);
		});
	}

	/** A stand-in the user registers; never called. */
	static final class UnusedOperations implements SpawnOperations {

		@Override
		public Page<ActorInfo> list(String system, String parent, String tag, Activity activity, String pageToken,
				int pageSize) {
			return new Page<>(List.of(), null);
		}

		@Override
		public java.util.Optional<ActorInfo> find(String system, String actor) {
			return java.util.Optional.empty();
		}

		@Override
		public StateInfo state(String system, String actor) {
			throw new UnsupportedOperationException();
		}

		@Override
		public StateInfo state(String system, String actor, long revision) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<RevisionInfo> history(String system, String actor) {
			return List.of();
		}

		@Override
		public ActorInfo restore(String system, String actor, long revision) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Page<ScheduleInfo> schedules(String system, String actor, String pageToken, int pageSize) {
			return new Page<>(List.of(), null);
		}

		@Override
		public void cancelSchedule(String system, String actor, String id) {
		}

	}

}
