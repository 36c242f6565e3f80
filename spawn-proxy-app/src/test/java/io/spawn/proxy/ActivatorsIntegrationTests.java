package io.spawn.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.BytesValue;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.spawn.internal.activator.Activators;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.actors.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The proxy runs activators for hosts of any SDK: a NATS activator configured on the proxy waits for its system to
 * be registered, then calls an instance of an UNNAMED template of a raw-protocol host for each message, with the
 * body as bytes and the message id in the metadata. Uses the machine's NATS with JetStream ({@code .ci/run} starts
 * it).
 */
@Tag("broker")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActivatorsIntegrationTests {

	private static final TestHost host = new TestHost();

	private static final String ID = UUID.randomUUID().toString().substring(0, 8);

	private static final String SYSTEM = "activated-" + ID;

	private static final String SUBJECT = "spawn-proxy-test." + ID;

	private static final String STREAM = "SPAWN_PROXY_TEST_" + ID.toUpperCase();

	@Value("${local.server.port}")
	int port;

	@Autowired
	Activators activators;

	@DynamicPropertySource
	static void proxyProperties(DynamicPropertyRegistry registry) {
		registry.add("spawn.proxy.host.host", () -> "127.0.0.1");
		registry.add("spawn.proxy.host.port", host::port);
		registry.add("spawn.proxy.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()));
		registry.add("spawn.activators.orders.source", () -> "nats");
		registry.add("spawn.activators.orders.system", () -> SYSTEM);
		registry.add("spawn.activators.orders.actor", () -> "order");
		registry.add("spawn.activators.orders.action", () -> "place");
		registry.add("spawn.activators.orders.payload", () -> "bytes");
		registry.add("spawn.activators.orders.id.from", () -> "header");
		registry.add("spawn.activators.orders.id.header", () -> "Order-Id");
		registry.add("spawn.activators.orders.nats.url", () -> "nats://127.0.0.1:4222");
		registry.add("spawn.activators.orders.nats.subject", () -> SUBJECT);
		registry.add("spawn.activators.orders.nats.stream", () -> STREAM);
	}

	@AfterAll
	static void deleteStreams() throws Exception {
		host.close();
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
	void callsAnInstanceOfTheHostsTemplateForEachMessageOnceTheSystemIsRegistered() throws Exception {
		assertThat(this.activators.definitions()).extracting((definition) -> definition.name())
			.containsExactly("orders");
		host.on(SYSTEM, "order", "place", TestHost::setState);
		new ProxyClient(this.port).register(ProxyClient.registration(SYSTEM, ProxyClient.actor("order", Kind.UNNAMED,
				"place")));

		try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
			Headers headers = new Headers().add("Order-Id", "o-1");
			nats.jetStream().publish(SUBJECT, headers, "hello".getBytes(StandardCharsets.UTF_8));
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> !host.receivedBy(SYSTEM, "o-1", "place").isEmpty());
		ActorInvocation invocation = host.receivedBy(SYSTEM, "o-1", "place").get(0).invocation();
		assertThat(invocation.getActor().getParent()).isEqualTo("order");
		assertThat(invocation.getValue().unpack(BytesValue.class).getValue().toStringUtf8()).isEqualTo("hello");
		assertThat(invocation.getCurrentContext().getMetadataMap()).containsEntry("spawn-message-id", STREAM + "-1")
			.containsEntry("spawn-activator", "orders");
	}

}
