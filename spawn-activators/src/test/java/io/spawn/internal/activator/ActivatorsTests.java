package io.spawn.internal.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When sources start and stop: only once the runtime knows their actor system (a proxy's host registers after the
 * proxy started), and before the runtime drains.
 */
class ActivatorsTests {

	private final LedgerRuntime ledger = new LedgerRuntime();

	private final RecordingFactory kafka = new RecordingFactory();

	@AfterEach
	void close() {
		this.ledger.close();
	}

	@Test
	void startsASourceOnlyOnceItsSystemIsRegistered() {
		Activators activators = new Activators(this.ledger.runtime,
				ActivatorTesting.bind(ActivatorDefinitionsTests.kafka("orders")), List.of(this.kafka));

		activators.start();
		assertThat(this.kafka.events).isEmpty();

		this.ledger.register();
		assertThat(this.kafka.events).containsExactly("start orders");

		activators.stop();
		assertThat(this.kafka.events).containsExactly("start orders", "stop orders");
		assertThat(activators.isRunning()).isFalse();
	}

	@Test
	void leavesASourceOfAnotherSystemStopped() {
		Map<String, String> properties = ActivatorDefinitionsTests.kafka("orders");
		properties.put("spawn.activators.orders.system", "elsewhere");
		Activators activators = new Activators(this.ledger.runtime, ActivatorTesting.bind(properties),
				List.of(this.kafka));

		activators.start();
		this.ledger.register();

		assertThat(this.kafka.events).isEmpty();
	}

	@Test
	void aSourceThatCannotStartStopsTheStartupButNotALaterRegistration() {
		this.kafka.failing = true;
		Activators early = new Activators(this.ledger.runtime,
				ActivatorTesting.bind(ActivatorDefinitionsTests.kafka("orders")), List.of(this.kafka));
		Activators late = new Activators(this.ledger.runtime,
				ActivatorTesting.bind(ActivatorDefinitionsTests.kafka("orders")), List.of(this.kafka));
		late.start();

		// Registered after start, as a proxy's host registers: the registration succeeds, the source stays down.
		this.ledger.register();
		assertThat(this.kafka.events).containsExactly("failed orders");

		// Registered before start, as in embedded mode: the startup fails.
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(early::start).withMessage("broker down");
	}

	@Test
	void refusesASourceWhoseClientIsMissing() {
		assertThatExceptionOfType(ActivatorConfigurationException.class)
			.isThrownBy(() -> new Activators(this.ledger.runtime,
					ActivatorTesting.bind(ActivatorDefinitionsTests.kafka("orders")), List.of()))
			.withMessage("spawn.activators.orders.source is kafka, whose client is not on the classpath: "
					+ "add org.springframework.kafka:spring-kafka");
	}

	/** Sources that record when they are started and stopped. */
	static final class RecordingFactory implements ActivatorSourceFactory {

		final List<String> events = new ArrayList<>();

		boolean failing;

		@Override
		public Source kind() {
			return Source.KAFKA;
		}

		@Override
		public ActivatorSource create(ActivatorDefinition definition, MessageHandler handler, Activator settings) {
			String name = definition.name();
			return new ActivatorSource() {

				@Override
				public void start() {
					if (RecordingFactory.this.failing) {
						RecordingFactory.this.events.add("failed " + name);
						throw new IllegalStateException("broker down");
					}
					RecordingFactory.this.events.add("start " + name);
				}

				@Override
				public void stop() {
					RecordingFactory.this.events.add("stop " + name);
				}

			};
		}

	}

}
