package io.spawn.internal.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.spawn.internal.activator.ActivatorProperties.IdFrom;
import io.spawn.internal.activator.ActivatorProperties.Payload;
import io.spawn.internal.activator.ActivatorProperties.Source;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * Binding and checking {@code spawn.activators.*}: every wrong setting is refused at startup with the property it
 * concerns.
 */
class ActivatorDefinitionsTests {

	@Test
	void bindsAKafkaActivatorWithItsDefaults() {
		List<ActivatorDefinition> definitions = definitions(kafka("orders"));

		assertThat(definitions).singleElement().satisfies((definition) -> {
			assertThat(definition.name()).isEqualTo("orders");
			assertThat(definition.source()).isEqualTo(Source.KAFKA);
			assertThat(definition.actor()).isEqualTo("ledger");
			assertThat(definition.payload()).isEqualTo(Payload.JSON);
			assertThat(definition.idFrom()).isEqualTo(IdFrom.FIXED);
			assertThat(definition.idKey()).isEqualTo("ledger");
			assertThat(definition.retry().maxAttempts()).isEqualTo(5);
			assertThat(definition.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
		});
	}

	@Test
	void refusesAnUnknownSourceNamingTheProperty() {
		Map<String, String> properties = kafka("orders");
		properties.put("spawn.activators.orders.source", "carrier-pigeon");

		assertThatExceptionOfType(BindException.class).isThrownBy(() -> definitions(properties))
			.withMessageContaining("spawn.activators.orders.source");
	}

	@Test
	void refusesAnUnknownActorIdStrategyNamingTheProperty() {
		Map<String, String> properties = kafka("orders");
		properties.put("spawn.activators.orders.id.from", "cookie");

		assertThatExceptionOfType(BindException.class).isThrownBy(() -> definitions(properties))
			.withMessageContaining("spawn.activators.orders.id.from");
	}

	@Test
	void refusesAKafkaActivatorWithoutATopic() {
		Map<String, String> properties = kafka("orders");
		properties.remove("spawn.activators.orders.kafka.topic");

		assertThatExceptionOfType(ActivatorConfigurationException.class).isThrownBy(() -> definitions(properties))
			.withMessageContaining("spawn.activators.orders.kafka.topic is required");
	}

	@Test
	void refusesABadCronExpression() {
		Map<String, String> properties = new HashMap<>(Map.of("spawn.activators.nightly.source", "cron",
				"spawn.activators.nightly.system", "shop", "spawn.activators.nightly.actor", "ledger",
				"spawn.activators.nightly.action", "record", "spawn.activators.nightly.cron.expression",
				"every night"));

		assertThatExceptionOfType(ActivatorConfigurationException.class).isThrownBy(() -> definitions(properties))
			.withMessageContaining("spawn.activators.nightly.cron.expression 'every night' is not a cron expression");
	}

	@Test
	void refusesAnIdHeaderStrategyWithoutAHeaderAndListsEveryProblemAtOnce() {
		Map<String, String> properties = new HashMap<>(Map.of("spawn.activators.a.source", "kafka",
				"spawn.activators.a.id.from", "header", "spawn.activators.a.retry.max-attempts", "0"));

		assertThatExceptionOfType(ActivatorConfigurationException.class).isThrownBy(() -> definitions(properties))
			.withMessageContaining("spawn.activators.a.system is required")
			.withMessageContaining("spawn.activators.a.actor is required")
			.withMessageContaining("spawn.activators.a.action is required")
			.withMessageContaining("spawn.activators.a.id.header is required")
			.withMessageContaining("spawn.activators.a.kafka.topic is required")
			.withMessageContaining("spawn.activators.a.retry.max-attempts must be at least 1");
	}

	@Test
	void refusesANatsAckWaitThatACallCanOutlive() {
		Map<String, String> properties = new HashMap<>(Map.of("spawn.activators.events.source", "nats",
				"spawn.activators.events.system", "shop", "spawn.activators.events.actor", "ledger",
				"spawn.activators.events.action", "record", "spawn.activators.events.nats.subject", "events",
				"spawn.activators.events.nats.ack-wait", "10s", "spawn.activators.events.retry.call-timeout", "10s"));

		assertThatExceptionOfType(ActivatorConfigurationException.class).isThrownBy(() -> definitions(properties))
			.withMessageContaining("spawn.activators.events.nats.ack-wait (PT10S) must be longer than "
					+ "retry.call-timeout (PT10S)");
		properties.remove("spawn.activators.events.nats.ack-wait");
		assertThat(definitions(properties)).singleElement()
			.satisfies((definition) -> assertThat(definition.source()).isEqualTo(Source.NATS));
	}

	@Test
	void refusesAnActivatorWithoutASource() {
		Map<String, String> properties = kafka("orders");
		properties.remove("spawn.activators.orders.source");

		assertThatExceptionOfType(ActivatorConfigurationException.class).isThrownBy(() -> definitions(properties))
			.withMessageContaining("spawn.activators.orders.source is required");
	}

	private static List<ActivatorDefinition> definitions(Map<String, String> properties) {
		return ActivatorDefinitions.of(ActivatorTesting.bind(properties).getActivators());
	}

	static Map<String, String> kafka(String name) {
		String prefix = "spawn.activators." + name + ".";
		return new HashMap<>(Map.of(prefix + "source", "kafka", prefix + "system", "shop", prefix + "actor", "ledger",
				prefix + "action", "record", prefix + "kafka.topic", "orders"));
	}

}
