package io.spawn.internal.activator.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.spawn.internal.activator.ActivatorConfigurationException;
import io.spawn.internal.activator.ActivatorTesting;
import io.spawn.internal.activator.Activators;
import io.spawn.internal.activator.LedgerRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * RabbitMQ activators against the machine's RabbitMQ (127.0.0.1:5672, guest/guest; {@code .ci/run} starts it) and
 * a real runtime whose host runs a ledger actor.
 */
@Tag("broker")
class RabbitActivatorIntegrationTests {

	private static CachingConnectionFactory connections;

	private static RabbitTemplate rabbit;

	private static RabbitAdmin admin;

	private final List<String> queues = new ArrayList<>();

	private final List<Activators> started = new ArrayList<>();

	private LedgerRuntime ledger;

	@BeforeAll
	static void connect() {
		connections = new CachingConnectionFactory("127.0.0.1", 5672);
		connections.setUsername("guest");
		connections.setPassword("guest");
		rabbit = new RabbitTemplate(connections);
		admin = new RabbitAdmin(connections);
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@BeforeEach
	void startRuntime() {
		this.ledger = new LedgerRuntime().register();
	}

	@AfterEach
	void stop() {
		this.started.forEach(Activators::stop);
		this.ledger.close();
		this.queues.forEach(admin::deleteQueue);
	}

	@Test
	void deliversToTheFixedActorWithTheMessageIdOfTheMessage() {
		String queue = queue();
		activator(queue, Map.of("spawn.activators.orders.actor", "ledger"));

		send(queue, "{\"n\":1}", "m-1");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("ledger").size() == 1);
		assertThat(this.ledger.calls("{\"n\":1}")).singleElement()
			.satisfies((call) -> assertThat(call.messageId()).isEqualTo("m-1"));
	}

	@Test
	void spawnsInstancesNamedByAHeaderAndKeepsTheQueueOrderOfEach() {
		String queue = queue();
		activator(queue, Map.of("spawn.activators.orders.actor", "account", "spawn.activators.orders.id.from",
				"header", "spawn.activators.orders.id.header", "account-id"));

		Map<String, List<String>> sent = new HashMap<>();
		for (int i = 0; i < 40; i++) {
			String account = "acc" + (i % 4);
			String body = "{\"seq\":" + i + "}";
			sent.computeIfAbsent(account, (k) -> new ArrayList<>()).add(body);
			send(queue, body, "m-" + i, "account-id", account);
		}

		await().atMost(Duration.ofSeconds(20))
			.until(() -> sent.keySet().stream().allMatch((account) -> this.ledger.ledger(account).size() == 10));
		sent.forEach((account, bodies) -> assertThat(this.ledger.ledger(account)).as(account).isEqualTo(bodies));
		assertThat(this.ledger.calls).allSatisfy((call) -> assertThat(call.parent()).isEqualTo("account"));
	}

	@Test
	void keepsTheOrderOfEachActorIdWhenTwoMembersRunTheActivator() {
		String queue = queue();
		try (LedgerRuntime other = new LedgerRuntime().register()) {
			this.ledger.delayEveryCall(Duration.ofMillis(20));
			other.delayEveryCall(Duration.ofMillis(20));
			// A backlog first, so that both members find messages to take at once.
			Map<String, List<String>> sent = new HashMap<>();
			for (int i = 0; i < 40; i++) {
				// Pairs of one account in a row: taken by two members at once, they would race.
				String account = "acc" + (i / 2 % 4);
				String body = "{\"account\":\"" + account + "\",\"seq\":" + i + "}";
				sent.computeIfAbsent(account, (k) -> new ArrayList<>()).add(body);
				send(queue, body, "m-" + i);
			}

			activator(this.ledger, queue, Map.of("spawn.activators.orders.actor", "account",
					"spawn.activators.orders.id.from", "json", "spawn.activators.orders.id.field", "account"));
			activator(other, queue, Map.of("spawn.activators.orders.actor", "account",
					"spawn.activators.orders.id.from", "json", "spawn.activators.orders.id.field", "account"));

			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.ledger.calls.size() + other.calls.size() >= 40);
			List<LedgerRuntime.Call> both = new ArrayList<>(this.ledger.calls);
			both.addAll(other.calls);
			both.sort(Comparator.comparingLong(LedgerRuntime.Call::sequence));
			sent.forEach((account, bodies) -> assertThat(
					both.stream().filter((call) -> call.actor().equals(account)).map(LedgerRuntime.Call::payload))
				.as(account)
				.containsExactlyElementsOf(bodies));
			this.started.forEach(Activators::stop);
			this.started.clear();
		}
	}

	@Test
	void redeliversAFailedCallAndAppliesItOnceBeforeTheMessagesBehindIt() {
		String queue = queue();
		activator(queue, Map.of("spawn.activators.orders.actor", "ledger"));
		this.ledger.failNext("\"flaky\"", 2);

		send(queue, "\"flaky\"", "m-1");
		send(queue, "\"after\"", "m-2");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("ledger").size() == 2);
		assertThat(this.ledger.calls("\"flaky\"")).hasSize(3)
			.extracting(LedgerRuntime.Call::messageId)
			.containsOnly("m-1");
		assertThat(this.ledger.ledger("ledger")).containsExactly("\"flaky\"", "\"after\"");
	}

	@Test
	void aRedeliveryOfACallThatTimedOutIsDroppedByTheActor() {
		String queue = queue();
		activator(queue, Map.of("spawn.activators.orders.actor", "ledger", "spawn.activators.orders.retry.call-timeout",
				"300ms"));
		this.ledger.delayNext("\"slow\"", Duration.ofMillis(900));

		send(queue, "\"slow\"", "m-1");
		send(queue, "\"after\"", "m-2");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("ledger").contains("\"after\""));
		assertThat(this.ledger.duplicates).contains("m-1");
		assertThat(this.ledger.ledger("ledger")).containsExactly("\"slow\"", "\"after\"");
	}

	@Test
	void deadLettersAfterTheLastAttemptWithTheFailureInItsHeadersAndGoesOn() {
		String queue = queue();
		activator(queue, Map.of("spawn.activators.orders.actor", "ledger"));
		this.ledger.failNext("\"poison\"", Integer.MAX_VALUE);

		send(queue, "\"poison\"", "m-1");
		send(queue, "\"next\"", "m-2");

		Message dead = deadLetter(queue + ".dlq");
		assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("\"poison\"");
		assertThat(dead.getMessageProperties().getHeaders().get("x-exception-message").toString())
			.contains("ACTION_FAILED")
			.contains("ledger refuses '\"poison\"' for now");
		assertThat(dead.getMessageProperties().getHeaders()).containsEntry("x-original-routingKey", queue);
		assertThat(this.ledger.calls("\"poison\"")).hasSize(3);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("ledger").contains("\"next\""));
	}

	@Test
	void deadLettersAMessageWithoutAnActorIdAtOnce() {
		String queue = queue();
		activator(queue, Map.of("spawn.activators.orders.actor", "account", "spawn.activators.orders.id.from", "json",
				"spawn.activators.orders.id.field", "account"));

		send(queue, "{\"other\":1}", "m-1");
		send(queue, "{\"account\":\"dora\"}", "m-2");

		Message dead = deadLetter(queue + ".dlq");
		assertThat(dead.getMessageProperties().getHeaders().get("x-exception-message").toString())
			.contains("JSON field 'account' is missing");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("dora").size() == 1);
		assertThat(this.ledger.calls).extracting(LedgerRuntime.Call::actor).containsExactly("dora");
	}

	@Test
	void refusesToStartOnAQueueWithoutASingleActiveConsumer() {
		String queue = "spawn-test-" + UUID.randomUUID().toString().substring(0, 8);
		admin.declareQueue(QueueBuilder.durable(queue).build());
		this.queues.add(queue);

		assertThatExceptionOfType(ActivatorConfigurationException.class)
			.isThrownBy(() -> activator(queue, Map.of("spawn.activators.orders.actor", "ledger")))
			.withMessageContaining("spawn.activators.orders: cannot declare queue '" + queue + "'")
			.withMessageContaining("x-single-active-consumer")
			.withMessageContaining("spawn.activators.orders.rabbitmq.declare=false");
	}

	private void activator(String queue, Map<String, String> extra) {
		activator(this.ledger, queue, extra);
	}

	private void activator(LedgerRuntime runtime, String queue, Map<String, String> extra) {
		Map<String, String> properties = new HashMap<>(extra);
		properties.put("spawn.activators.orders.source", "rabbitmq");
		properties.put("spawn.activators.orders.system", LedgerRuntime.SYSTEM);
		properties.put("spawn.activators.orders.action", "record");
		properties.put("spawn.activators.orders.rabbitmq.queue", queue);
		properties.put("spawn.activators.orders.rabbitmq.addresses", "127.0.0.1:5672");
		properties.put("spawn.activators.orders.retry.max-attempts", "3");
		properties.put("spawn.activators.orders.retry.initial-backoff", "50ms");
		properties.put("spawn.activators.orders.retry.max-backoff", "200ms");
		this.started.add(ActivatorTesting.start(runtime, properties, new RabbitActivatorSourceFactory()));
	}

	private String queue() {
		String queue = "spawn-test-" + UUID.randomUUID().toString().substring(0, 8);
		admin.declareQueue(QueueBuilder.durable(queue).singleActiveConsumer().build());
		this.queues.add(queue);
		this.queues.add(queue + ".dlq");
		return queue;
	}

	private static void send(String queue, String body, String messageId, String... headers) {
		MessageBuilder message = MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8));
		message.setMessageId(messageId);
		for (int i = 0; i < headers.length; i += 2) {
			message.setHeader(headers[i], headers[i + 1]);
		}
		rabbit.send("", queue, message.build());
	}

	private static Message deadLetter(String queue) {
		List<Message> received = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			Message message = rabbit.receive(queue, 200);
			if (message != null) {
				received.add(message);
			}
			return !received.isEmpty();
		});
		return received.get(0);
	}

}
