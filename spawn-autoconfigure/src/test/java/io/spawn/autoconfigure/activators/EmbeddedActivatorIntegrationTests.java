package io.spawn.autoconfigure.activators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.spawn.client.SpawnClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Activators in embedded mode, from {@code spawn.activators.*} of the application: each NATS message's JSON body
 * becomes the action's command type, the actor id comes from a field of it, the instance is spawned on demand, and
 * a redelivery is dropped through {@link io.spawn.actor.RecentMessages}. Uses the machine's NATS with JetStream
 * ({@code .ci/run} starts it).
 */
@Tag("broker")
@SpringBootTest(classes = EmbeddedActivatorIntegrationTests.App.class)
class EmbeddedActivatorIntegrationTests {

	private static final String ID = UUID.randomUUID().toString().substring(0, 8);

	private static final String SUBJECT = "spawn-embedded-test." + ID;

	private static final String STREAM = "SPAWN_EMBEDDED_TEST_" + ID.toUpperCase();

	@Autowired
	SpawnClient spawn;

	@DynamicPropertySource
	static void activator(DynamicPropertyRegistry registry) {
		registry.add("spawn.activators.shipments.source", () -> "nats");
		registry.add("spawn.activators.shipments.system", () -> "spawn-system");
		registry.add("spawn.activators.shipments.actor", () -> "shipment");
		registry.add("spawn.activators.shipments.action", () -> "add");
		registry.add("spawn.activators.shipments.id.from", () -> "json");
		registry.add("spawn.activators.shipments.id.field", () -> "shipment");
		registry.add("spawn.activators.shipments.retry.call-timeout", () -> "300ms");
		registry.add("spawn.activators.shipments.retry.initial-backoff", () -> "50ms");
		registry.add("spawn.activators.shipments.nats.url", () -> "nats://127.0.0.1:4222");
		registry.add("spawn.activators.shipments.nats.subject", () -> SUBJECT);
		registry.add("spawn.activators.shipments.nats.stream", () -> STREAM);
	}

	@AfterAll
	static void deleteStreams() throws Exception {
		try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
			JetStreamManagement management = nats.jetStreamManagement();
			for (String stream : List.of(STREAM, STREAM + "_DLQ")) {
				if (management.getStreamNames().contains(stream)) {
					management.deleteStream(stream);
				}
			}
		}
	}

	@Test
	void messagesBecomeTypedCommandsOfInstancesSpawnedOnDemandAndARedeliveryIsDropped() throws Exception {
		try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
			for (String body : List.of("{\"shipment\":\"s-1\",\"item\":\"slow\"}",
					"{\"shipment\":\"s-1\",\"item\":\"book\"}", "{\"shipment\":\"s-2\",\"item\":\"lamp\"}")) {
				nats.jetStream().publish(SUBJECT, body.getBytes(StandardCharsets.UTF_8));
			}
		}

		await().atMost(Duration.ofSeconds(20))
			.until(() -> read("s-1").items().size() == 2 && read("s-2").items().size() == 1);
		assertThat(read("s-1").items()).containsExactly("slow", "book");
		assertThat(read("s-1").applied().ids()).containsExactly(STREAM + "-1", STREAM + "-2");
		assertThat(read("s-2").items()).containsExactly("lamp");
		assertThat(ShipmentActor.slowOnce).isFalse();
	}

	private ShipmentActor.Shipment read(String id) {
		return this.spawn.refs(ShipmentActor.class).get(id).call(ShipmentActor::read);
	}

	@SpringBootApplication
	@Import(ShipmentActor.class)
	static class App {

	}

}
