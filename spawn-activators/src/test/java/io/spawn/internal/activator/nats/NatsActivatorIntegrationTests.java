package io.spawn.internal.activator.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.spawn.internal.activator.ActivatorTesting;
import io.spawn.internal.activator.Activators;
import io.spawn.internal.activator.LedgerRuntime;
import java.io.IOException;
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

/**
 * NATS activators against the machine's NATS server with JetStream (127.0.0.1:4222; {@code .ci/run} starts it) and a
 * real runtime whose host runs a ledger actor.
 */
@Tag("broker")
class NatsActivatorIntegrationTests {

	private static Connection nats;

	private final List<String> streams = new ArrayList<>();

	private final List<Activators> started = new ArrayList<>();

	private LedgerRuntime ledger;

	@BeforeAll
	static void connect() throws Exception {
		nats = Nats.connect("nats://127.0.0.1:4222");
	}

	@AfterAll
	static void disconnect() throws InterruptedException {
		nats.close();
	}

	@BeforeEach
	void startRuntime() {
		this.ledger = new LedgerRuntime().register();
	}

	@AfterEach
	void stop() throws Exception {
		this.started.forEach(Activators::stop);
		this.ledger.close();
		JetStreamManagement management = nats.jetStreamManagement();
		for (String stream : this.streams) {
			if (management.getStreamNames().contains(stream)) {
				management.deleteStream(stream);
			}
		}
	}

	@Test
	void deliversToTheFixedActorWithTheStreamSequenceAsMessageId() throws Exception {
		String subject = subject();
		activator(subject, Map.of("spawn.activators.orders.actor", "ledger"));

		publish(subject, "{\"n\":1}");
		publish(subject, "{\"n\":2}");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("ledger").size() == 2);
		assertThat(this.ledger.ledger("ledger")).containsExactly("{\"n\":1}", "{\"n\":2}");
		assertThat(this.ledger.calls("{\"n\":1}")).singleElement()
			.satisfies((call) -> assertThat(call.messageId()).isEqualTo(stream(subject) + "-1"));
	}

	@Test
	void spawnsInstancesNamedByAJsonFieldAndKeepsTheOrderOfEach() throws Exception {
		String subject = subject();
		activator(subject, Map.of("spawn.activators.orders.actor", "account", "spawn.activators.orders.id.from", "json",
				"spawn.activators.orders.id.field", "account"));

		Map<String, List<String>> sent = new HashMap<>();
		for (int i = 0; i < 40; i++) {
			String account = "acc" + (i % 4);
			String body = "{\"account\":\"" + account + "\",\"seq\":" + i + "}";
			sent.computeIfAbsent(account, (k) -> new ArrayList<>()).add(body);
			publish(subject, body);
		}

		await().atMost(Duration.ofSeconds(20))
			.until(() -> sent.keySet().stream().allMatch((account) -> this.ledger.ledger(account).size() == 10));
		sent.forEach((account, bodies) -> assertThat(this.ledger.ledger(account)).as(account).isEqualTo(bodies));
	}

	@Test
	void keepsTheOrderOfEachActorIdWhenTwoMembersRunTheActivator() throws Exception {
		String subject = subject();
		try (LedgerRuntime other = new LedgerRuntime().register()) {
			this.ledger.delayEveryCall(Duration.ofMillis(20));
			other.delayEveryCall(Duration.ofMillis(20));
			nats.jetStreamManagement()
				.addStream(StreamConfiguration.builder()
					.name(stream(subject))
					.subjects(subject)
					.storageType(StorageType.File)
					.build());
			// A backlog first, so that both members find messages to take at once.
			Map<String, List<String>> sent = new HashMap<>();
			for (int i = 0; i < 40; i++) {
				// Pairs of one account in a row: taken by two members at once, they would race.
				String account = "acc" + (i / 2 % 4);
				String body = "{\"account\":\"" + account + "\",\"seq\":" + i + "}";
				sent.computeIfAbsent(account, (k) -> new ArrayList<>()).add(body);
				publish(subject, body);
			}

			// One message per fetch: each member asks for the next message as soon as it is free.
			Map<String, String> settings = Map.of("spawn.activators.orders.actor", "account",
					"spawn.activators.orders.id.from", "json", "spawn.activators.orders.id.field", "account",
					"spawn.activators.orders.nats.batch", "1");
			activator(this.ledger, subject, settings);
			activator(other, subject, settings);

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
	void spawnsAnInstanceNamedByAHeader() throws Exception {
		String subject = subject();
		activator(subject, Map.of("spawn.activators.orders.actor", "account", "spawn.activators.orders.id.from",
				"header", "spawn.activators.orders.id.header", "Account-Id"));

		publish(subject, "\"x\"", "Account-Id", "erin");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("erin").size() == 1);
		assertThat(this.ledger.calls("\"x\"")).singleElement()
			.satisfies((call) -> assertThat(call.parent()).isEqualTo("account"));
	}

	@Test
	void redeliversAFailedCallAndAppliesItOnceBeforeTheMessagesBehindIt() throws Exception {
		String subject = subject();
		activator(subject, Map.of("spawn.activators.orders.actor", "ledger"));
		this.ledger.failNext("\"flaky\"", 2);

		publish(subject, "\"flaky\"");
		publish(subject, "\"after\"");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("ledger").size() == 2);
		assertThat(this.ledger.calls("\"flaky\"")).hasSize(3)
			.extracting(LedgerRuntime.Call::messageId)
			.containsOnly(stream(subject) + "-1");
		assertThat(this.ledger.ledger("ledger")).containsExactly("\"flaky\"", "\"after\"");
	}

	@Test
	void aRedeliveryOfACallThatTimedOutIsDroppedByTheActor() throws Exception {
		String subject = subject();
		activator(subject, Map.of("spawn.activators.orders.actor", "ledger", "spawn.activators.orders.retry.call-timeout",
				"300ms"));
		this.ledger.delayNext("\"slow\"", Duration.ofMillis(900));

		publish(subject, "\"slow\"");
		publish(subject, "\"after\"");

		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("ledger").contains("\"after\""));
		assertThat(this.ledger.duplicates).contains(stream(subject) + "-1");
		assertThat(this.ledger.ledger("ledger")).containsExactly("\"slow\"", "\"after\"");
	}

	@Test
	void deadLettersAfterTheLastAttemptWithTheFailureInItsHeadersAndGoesOn() throws Exception {
		String subject = subject();
		activator(subject, Map.of("spawn.activators.orders.actor", "ledger"));
		this.ledger.failNext("\"poison\"", Integer.MAX_VALUE);

		publish(subject, "\"poison\"");
		publish(subject, "\"next\"");

		MessageInfo dead = deadLetter(subject);
		assertThat(new String(dead.getData(), StandardCharsets.UTF_8)).isEqualTo("\"poison\"");
		assertThat(dead.getHeaders().getFirst(NatsActivatorSource.EXCEPTION_MESSAGE)).contains("ACTION_FAILED")
			.contains("ledger refuses '\"poison\"' for now");
		assertThat(dead.getHeaders().getFirst(NatsActivatorSource.ORIGINAL_SUBJECT)).isEqualTo(subject);
		assertThat(this.ledger.calls("\"poison\"")).hasSize(3);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("ledger").contains("\"next\""));
	}

	@Test
	void deadLettersAMalformedMessageAtOnce() throws Exception {
		String subject = subject();
		activator(subject, Map.of("spawn.activators.orders.actor", "ledger"));

		publish(subject, "not json");
		publish(subject, "\"fine\"");

		MessageInfo dead = deadLetter(subject);
		assertThat(dead.getHeaders().getFirst(NatsActivatorSource.EXCEPTION_MESSAGE)).contains("body is not JSON");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.ledger.ledger("ledger").size() == 1);
		assertThat(this.ledger.calls).extracting(LedgerRuntime.Call::payload).containsExactly("\"fine\"");
	}

	private void activator(String subject, Map<String, String> extra) {
		activator(this.ledger, subject, extra);
	}

	private void activator(LedgerRuntime runtime, String subject, Map<String, String> extra) {
		Map<String, String> properties = new HashMap<>(extra);
		properties.put("spawn.activators.orders.source", "nats");
		properties.put("spawn.activators.orders.system", LedgerRuntime.SYSTEM);
		properties.put("spawn.activators.orders.action", "record");
		properties.put("spawn.activators.orders.nats.url", "nats://127.0.0.1:4222");
		properties.put("spawn.activators.orders.nats.subject", subject);
		properties.put("spawn.activators.orders.nats.stream", stream(subject));
		properties.put("spawn.activators.orders.nats.dead-letter-subject", subject + ".dead");
		properties.put("spawn.activators.orders.retry.max-attempts", "3");
		properties.put("spawn.activators.orders.retry.initial-backoff", "50ms");
		properties.put("spawn.activators.orders.retry.max-backoff", "200ms");
		this.started.add(ActivatorTesting.start(runtime, properties, new NatsActivatorSourceFactory()));
	}

	private String subject() {
		String subject = "spawn-test." + UUID.randomUUID().toString().substring(0, 8);
		this.streams.add(stream(subject));
		this.streams.add(stream(subject) + "_DLQ");
		return subject;
	}

	private static String stream(String subject) {
		return subject.replace('.', '_').replace('-', '_').toUpperCase();
	}

	private static void publish(String subject, String body, String... headers)
			throws IOException, JetStreamApiException {
		Headers values = new Headers();
		for (int i = 0; i < headers.length; i += 2) {
			values.add(headers[i], headers[i + 1]);
		}
		nats.jetStream().publish(subject, values, body.getBytes(StandardCharsets.UTF_8));
	}

	private MessageInfo deadLetter(String subject) {
		List<MessageInfo> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
			found.add(nats.jetStreamManagement().getLastMessage(stream(subject) + "_DLQ", subject + ".dead"));
			return true;
		});
		return found.get(0);
	}

}
