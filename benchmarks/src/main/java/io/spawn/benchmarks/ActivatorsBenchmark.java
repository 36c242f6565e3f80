package io.spawn.benchmarks;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.spawn.internal.activator.ActivatorDefinition;
import io.spawn.internal.activator.ActivatorDefinitions;
import io.spawn.internal.activator.ActivatorInvoker;
import io.spawn.internal.activator.ActivatorProperties;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.ActivatorSourceFactory;
import io.spawn.internal.activator.MessageHandler;
import io.spawn.internal.activator.amqp.RabbitActivatorSourceFactory;
import io.spawn.internal.activator.nats.NatsActivatorSourceFactory;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Benchmark 7: activator throughput. A backlog of N JSON messages is drained by one activator source into a trivial
 * actor (a counter in an in-process runtime: the message becomes a call, the call a turn, the state an
 * {@code Int64Value}), against the same source and container handing each message to a plain bean that counts it.
 * Interleaved rounds per broker: the machine's NATS JetStream (127.0.0.1:4222) and RabbitMQ (127.0.0.1:5672). The
 * backlog is published before the clock starts; the clock stops when the N-th message was handled.
 */
final class ActivatorsBenchmark {

	private static final String SYSTEM = "bench";

	private final Mode mode;

	private final Report report;

	ActivatorsBenchmark(Mode mode, Report report) {
		this.mode = mode;
		this.report = report;
	}

	void run() throws Exception {
		int messages = this.mode.name().equals("quick") ? 5_000 : 20_000;
		try (SystemRuntimeClock clock = new SystemRuntimeClock();
				ActorRuntime runtime = new ActorRuntime(ActivatorsBenchmark::count, new InMemoryActorStateStore(),
						new InMemoryInvocationScheduler(clock), clock, RuntimeSettings.defaults(),
						RuntimeObserver.NONE)) {
			runtime.start();
			runtime.register(RegistrationRequest.newBuilder()
				.setActorSystem(ActorSystem.newBuilder()
					.setName(SYSTEM)
					.setRegistry(Registry.newBuilder()
						.putActors("counter", Actor.newBuilder()
							.setId(ActorId.newBuilder().setSystem(SYSTEM).setName("counter"))
							.setSettings(ActorSettings.newBuilder().setKind(Kind.NAMED).setStateful(true))
							.addActions(Action.newBuilder().setName("count"))
							.build())))
				.build());
			try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
				compare("7 activators (NATS JetStream)", messages, runtime, new NatsActivatorSourceFactory(),
						(name, count) -> publishNats(nats, name, count), (name) -> natsSettings(name, 1));
				compare("7 activators (NATS JetStream, max-ack-pending 100)", messages, runtime,
						new NatsActivatorSourceFactory(), (name, count) -> publishNats(nats, name, count),
						(name) -> natsSettings(name, 100));
			}
			CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", 5672);
			try {
				RabbitTemplate rabbit = new RabbitTemplate(connections);
				RabbitAdmin admin = new RabbitAdmin(connections);
				compare("7 activators (RabbitMQ)", messages, runtime, new RabbitActivatorSourceFactory(),
						(name, count) -> publishRabbit(rabbit, admin, name, count), this::rabbitSettings);
			}
			finally {
				connections.destroy();
			}
		}
	}

	/** Settings of one round's activator, reading what {@code publish} filled under {@code name}. */
	private Map<String, String> natsSettings(String name, int maxAckPending) {
		return Map.of("spawn.activators.a.source", "nats", "spawn.activators.a.nats.url", "nats://127.0.0.1:4222",
				"spawn.activators.a.nats.subject", "bench." + name, "spawn.activators.a.nats.stream", stream(name),
				"spawn.activators.a.nats.durable", "d-" + name, "spawn.activators.a.nats.batch", "100",
				"spawn.activators.a.nats.max-ack-pending", Integer.toString(maxAckPending));
	}

	private Map<String, String> rabbitSettings(String name) {
		return Map.of("spawn.activators.a.source", "rabbitmq", "spawn.activators.a.rabbitmq.addresses",
				"127.0.0.1:5672", "spawn.activators.a.rabbitmq.queue", "bench-" + name,
				"spawn.activators.a.rabbitmq.prefetch", "100");
	}

	private void compare(String benchmark, int messages, ActorRuntime runtime, ActivatorSourceFactory factory,
			BiFunction<String, Integer, Runnable> publish,
			java.util.function.Function<String, Map<String, String>> settings) throws Exception {
		Spread actor = new Spread();
		Spread bean = new Spread();
		Spread ratio = new Spread();
		for (int round = 0; round <= this.mode.rounds(); round++) {
			// Round 0 warms both sides up and is not counted.
			double viaActor = drain(messages, runtime, factory, publish, settings, true);
			double viaBean = drain(messages, runtime, factory, publish, settings, false);
			EmbeddedCallsBenchmark.log("%s round %d: actor %s msg/s, plain bean %s msg/s", benchmark, round,
					Report.rate(viaActor), Report.rate(viaBean));
			if (round > 0) {
				actor.add(viaActor);
				bean.add(viaBean);
				ratio.add(viaActor / viaBean);
			}
		}
		this.report.figure(benchmark, String.format(Locale.ROOT, "messages/s, backlog of %,d, one source", messages),
				actor.format("%,.0f"), bean.format("%,.0f"), ratio);
	}

	private double drain(int messages, ActorRuntime runtime, ActivatorSourceFactory factory,
			BiFunction<String, Integer, Runnable> publish,
			java.util.function.Function<String, Map<String, String>> settings, boolean viaActor) throws Exception {
		String name = UUID.randomUUID().toString().substring(0, 8);
		Runnable cleanUp = publish.apply(name, messages);
		Map<String, String> properties = new java.util.HashMap<>(settings.apply(name));
		properties.put("spawn.activators.a.system", SYSTEM);
		properties.put("spawn.activators.a.actor", "counter");
		properties.put("spawn.activators.a.action", "count");
		ActivatorProperties bound = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("spawn",
				ActivatorProperties.class);
		ActivatorDefinition definition = ActivatorDefinitions.of(bound.getActivators()).get(0);
		AtomicLong handled = new AtomicLong();
		CompletableFuture<Long> done = new CompletableFuture<>();
		ActivatorInvoker invoker = new ActivatorInvoker(runtime, definition);
		MessageHandler handler = (message) -> {
			if (viaActor) {
				invoker.deliver(message);
			}
			if (handled.incrementAndGet() == messages) {
				done.complete(System.nanoTime());
			}
		};
		ActivatorSource source = factory.create(definition, handler, bound.getActivators().get("a"));
		try {
			long start = System.nanoTime();
			source.start();
			long end = done.get(5, java.util.concurrent.TimeUnit.MINUTES);
			return messages / ((end - start) / 1e9);
		}
		finally {
			source.stop();
			cleanUp.run();
		}
	}

	private static Runnable publishNats(Connection nats, String name, int messages) {
		try {
			JetStreamManagement management = nats.jetStreamManagement();
			management.addStream(StreamConfiguration.builder()
				.name(stream(name))
				.subjects("bench." + name)
				.storageType(StorageType.File)
				.build());
			JetStream jetStream = nats.jetStream();
			List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
			for (int i = 0; i < messages; i++) {
				acks.add(jetStream.publishAsync("bench." + name, body(i)));
			}
			CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
			return () -> {
				try {
					for (String stream : List.of(stream(name), stream(name) + "_DLQ")) {
						if (management.getStreamNames().contains(stream)) {
							management.deleteStream(stream);
						}
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			};
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Runnable publishRabbit(RabbitTemplate rabbit, RabbitAdmin admin, String name, int messages) {
		String queue = "bench-" + name;
		admin.declareQueue(QueueBuilder.durable(queue).singleActiveConsumer().build());
		for (int i = 0; i < messages; i++) {
			rabbit.send("", queue, MessageBuilder.withBody(body(i)).setMessageId("m-" + i).build());
		}
		return () -> {
			admin.deleteQueue(queue);
			admin.deleteQueue(queue + ".dlq");
		};
	}

	private static String stream(String name) {
		return "BENCH_" + name.toUpperCase(Locale.ROOT);
	}

	private static byte[] body(int i) {
		return ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
	}

	/** The trivial actor: its state counts the calls. */
	private static ActorInvocationResponse count(ActorInvocation invocation, Duration timeout) {
		long count = 0;
		if (invocation.getCurrentContext().hasState()) {
			try {
				count = invocation.getCurrentContext().getState().unpack(Int64Value.class).getValue();
			}
			catch (InvalidProtocolBufferException ex) {
				throw new IllegalStateException(ex);
			}
		}
		Any next = Any.pack(Int64Value.of(count + 1));
		return ActorInvocationResponse.newBuilder()
			.setActorName(invocation.getActor().getName())
			.setActorSystem(invocation.getActor().getSystem())
			.setUpdatedContext(Context.newBuilder().setState(next))
			.setValue(next)
			.build();
	}

}
