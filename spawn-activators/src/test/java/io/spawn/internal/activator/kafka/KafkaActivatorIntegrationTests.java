package io.spawn.internal.activator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.internal.activator.ActivatorInvoker;
import io.spawn.internal.activator.ActivatorTesting;
import io.spawn.internal.activator.Activators;
import io.spawn.internal.activator.LedgerRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kafka activators against a real in-process KRaft broker (one per class) and a real runtime whose host runs a
 * ledger actor: delivery by fixed name, header and JSON field, UNNAMED instances spawned on demand, redelivery of
 * failed calls without double application, dead letters with the failure in their headers, and order per key.
 */
@Tag("broker")
class KafkaActivatorIntegrationTests {

	private static KafkaTestBroker broker;

	private static KafkaProducer<String, String> producer;

	private LedgerRuntime ledger;

	private final List<Activators> started = new ArrayList<>();

	@BeforeAll
	static void startBroker() throws Exception {
		broker = new KafkaTestBroker();
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
				new StringSerializer(), new StringSerializer());
	}

	@AfterAll
	static void stopBroker() throws Exception {
		if (producer != null) {
			producer.close();
		}
		broker.close();
	}

	@BeforeEach
	void startRuntime() {
		this.ledger = new LedgerRuntime().register();
	}

	@AfterEach
	void stop() {
		this.started.forEach(Activators::stop);
		this.ledger.close();
	}

	@Test
	void deliversEachRecordToTheFixedActorWithItsMessageId() throws Exception {
		String topic = topic();
		activator(topic, Map.of("spawn.activators.orders.actor", "ledger"));

		send(topic, null, "{\"n\":1}");
		send(topic, null, "{\"n\":2}");

		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.ledger("ledger").size() == 2);
		assertThat(this.ledger.ledger("ledger")).containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}");
		LedgerRuntime.Call call = this.ledger.calls(("{\"n\":1}")).get(0);
		assertThat(call.messageId()).matches(topic + "-[0-2]-0");
		assertThat(call.metadata()).containsEntry(ActivatorInvoker.ACTIVATOR, "orders");
	}

	@Test
	void spawnsAnInstanceOfTheTemplateNamedByAHeader() throws Exception {
		String topic = topic();
		activator(topic, Map.of("spawn.activators.orders.actor", "account", "spawn.activators.orders.id.from",
				"header", "spawn.activators.orders.id.header", "account-id"));

		send(topic, "k", "\"a\"", "account-id", "alice");
		send(topic, "k", "\"b\"", "account-id", "bob");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.ledger.ledger("alice").size() == 1 && this.ledger.ledger("bob").size() == 1);
		assertThat(this.ledger.ledger("alice")).containsExactly("\"a\"");
		assertThat(this.ledger.calls("\"b\"")).singleElement()
			.satisfies((call) -> assertThat(call.actor()).isEqualTo("bob"))
			.satisfies((call) -> assertThat(call.parent()).isEqualTo("account"));
	}

	@Test
	void spawnsAnInstanceNamedByAJsonFieldAndKeepsTheOrderOfEachKey() throws Exception {
		String topic = topic();
		activator(topic, Map.of("spawn.activators.orders.actor", "account", "spawn.activators.orders.id.from", "json",
				"spawn.activators.orders.id.field", "/order/id", "spawn.activators.orders.kafka.concurrency", "3"));

		Map<String, List<String>> sent = new HashMap<>();
		for (int i = 0; i < 60; i++) {
			String order = "o" + (i % 6);
			String body = "{\"order\":{\"id\":\"" + order + "\"},\"seq\":" + i + "}";
			sent.computeIfAbsent(order, (k) -> new ArrayList<>()).add(body);
			send(topic, order, body);
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> sent.keySet().stream().allMatch((order) -> this.ledger.ledger(order).size() == 10));
		sent.forEach((order, bodies) -> assertThat(this.ledger.ledger(order)).as(order).isEqualTo(bodies));
	}

	@Test
	void acknowledgesOnlyAfterSuccessSoAFailedCallIsRedeliveredAndAppliedOnce() throws Exception {
		String topic = topic();
		activator(topic, Map.of("spawn.activators.orders.actor", "ledger"));
		this.ledger.failNext("\"flaky\"", 2);

		send(topic, "k", "\"flaky\"");
		send(topic, "k", "\"after\"");

		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.ledger("ledger").size() == 2);
		// Two refusals, then the call that succeeded: three deliveries of one message, with one id.
		assertThat(this.ledger.calls("\"flaky\"")).hasSize(3)
			.extracting(LedgerRuntime.Call::messageId)
			.containsOnly(this.ledger.calls("\"flaky\"").get(0).messageId());
		// The record after it waited for it: same partition, in order, and applied once.
		assertThat(this.ledger.ledger("ledger")).containsExactly("\"flaky\"", "\"after\"");
	}

	@Test
	void aRedeliveryOfAMessageWhoseCallTimedOutIsDroppedByTheActorThroughItsMessageId() throws Exception {
		String topic = topic();
		activator(topic, Map.of("spawn.activators.orders.actor", "ledger", "spawn.activators.orders.retry.call-timeout",
				"300ms"));
		// The first call outlives its timeout: the activator sees a failure, while the actor applies the message.
		this.ledger.delayNext("\"slow\"", Duration.ofMillis(900));

		send(topic, "k", "\"slow\"");
		send(topic, "k", "\"after\"");

		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.ledger("ledger").contains("\"after\""));
		List<LedgerRuntime.Call> calls = this.ledger.calls("\"slow\"");
		assertThat(calls).hasSizeGreaterThanOrEqualTo(2);
		assertThat(calls).extracting(LedgerRuntime.Call::messageId).containsOnly(calls.get(0).messageId());
		assertThat(this.ledger.duplicates).contains(calls.get(0).messageId());
		assertThat(this.ledger.ledger("ledger")).containsExactly("\"slow\"", "\"after\"");
	}

	@Test
	void deadLettersAfterTheLastAttemptWithTheFailureInItsHeadersAndGoesOn() throws Exception {
		String topic = topic();
		activator(topic, Map.of("spawn.activators.orders.actor", "ledger"));
		this.ledger.failNext("\"poison\"", Integer.MAX_VALUE);

		send(topic, "k", "\"poison\"");
		send(topic, "k", "\"next\"");

		ConsumerRecord<String, String> dead = deadLetter(topic + ".DLT");
		assertThat(dead.value()).isEqualTo("\"poison\"");
		assertThat(header(dead, "kafka_dlt-exception-message")).contains("ACTION_FAILED")
			.contains("ledger refuses '\"poison\"' for now");
		assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(topic);
		assertThat(this.ledger.calls("\"poison\"")).hasSize(3);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.ledger("ledger").contains("\"next\""));
		assertThat(this.ledger.ledger("ledger")).containsExactly("\"next\"");
	}

	@Test
	void deadLettersAMalformedMessageAtOnceWithoutCallingTheActor() throws Exception {
		String topic = topic();
		activator(topic, Map.of("spawn.activators.orders.actor", "account", "spawn.activators.orders.id.from", "json",
				"spawn.activators.orders.id.field", "account", "spawn.activators.orders.kafka.dead-letter-topic",
				topic + "-dead"));

		send(topic, "k", "not json");
		send(topic, "k", "{\"account\":\"carol\"}");

		ConsumerRecord<String, String> dead = deadLetter(topic + "-dead");
		assertThat(dead.value()).isEqualTo("not json");
		assertThat(header(dead, "kafka_dlt-exception-message")).contains("body is not JSON");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.ledger.ledger("carol").size() == 1);
		assertThat(this.ledger.calls).extracting(LedgerRuntime.Call::actor).containsExactly("carol");
	}

	private void activator(String topic, Map<String, String> extra) {
		Map<String, String> properties = new HashMap<>(extra);
		properties.put("spawn.activators.orders.source", "kafka");
		properties.put("spawn.activators.orders.system", LedgerRuntime.SYSTEM);
		properties.put("spawn.activators.orders.action", "record");
		properties.put("spawn.activators.orders.kafka.topic", topic);
		properties.put("spawn.activators.orders.kafka.bootstrap-servers", broker.bootstrapServers());
		properties.put("spawn.activators.orders.kafka.group-id", "group-" + topic);
		properties.put("spawn.activators.orders.retry.max-attempts", "3");
		properties.put("spawn.activators.orders.retry.initial-backoff", "50ms");
		properties.put("spawn.activators.orders.retry.max-backoff", "200ms");
		this.started.add(ActivatorTesting.start(this.ledger, properties, new KafkaActivatorSourceFactory()));
	}

	private static String topic() throws Exception {
		String topic = "t-" + UUID.randomUUID().toString().substring(0, 8);
		broker.createTopics(new NewTopic(topic, 3, (short) 1), new NewTopic(topic + ".DLT", 1, (short) 1),
				new NewTopic(topic + "-dead", 1, (short) 1));
		return topic;
	}

	private static void send(String topic, String key, String body, String... headers)
			throws InterruptedException, ExecutionException, TimeoutException {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, body);
		for (int i = 0; i < headers.length; i += 2) {
			record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
		}
		producer.send(record).get(10, TimeUnit.SECONDS);
	}

	private static ConsumerRecord<String, String> deadLetter(String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "dlt-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return !records.isEmpty();
			});
			return records.get(0);
		}
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as(name).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}
