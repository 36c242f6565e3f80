package io.spawn.internal.activator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Activators by name ({@code spawn.activators.<name>.*}): where messages come from, which actor and action they
 * call, how the actor id and the command are taken from a message, and how failures are retried. Bound under the
 * prefix {@code spawn} so that each activator's name is the key right after {@code spawn.activators}.
 */
@ConfigurationProperties("spawn")
public class ActivatorProperties {

	/** Activators by name. */
	private final Map<String, Activator> activators = new LinkedHashMap<>();

	public Map<String, Activator> getActivators() {
		return this.activators;
	}

	/** Where messages come from. */
	public enum Source {

		/** A Kafka topic read by a consumer group. */
		KAFKA,

		/** A RabbitMQ queue. */
		RABBITMQ,

		/** A NATS subject read through a JetStream durable consumer. */
		NATS,

		/** A cron expression, fired once per occurrence across the cluster. */
		CRON

	}

	/** How the actor id is taken from a message. */
	public enum IdFrom {

		/** The actor is {@code id.name}, or {@code actor} when that is empty. */
		FIXED,

		/** A header (a Kafka record header) of each message. */
		HEADER,

		/** A field of each message's JSON body. */
		JSON

	}

	/** How the body of a message becomes the command. */
	public enum Payload {

		/** The body is JSON, passed as a spawn.JSONType that the starter reads into the action's command type. */
		JSON,

		/** The body's bytes, passed as a google.protobuf.BytesValue. */
		BYTES,

		/** The body is a serialized google.protobuf.Any, passed as it is. */
		ANY

	}

	/** One activator. */
	public static class Activator {

		/** Where messages come from. */
		private @Nullable Source source;

		/** Actor system of the target actor. */
		private @Nullable String system;

		/** Target actor: a named actor, or the UNNAMED template whose instances the messages name. */
		private @Nullable String actor;

		/** Action called for each message. */
		private @Nullable String action;

		/** Payload format of a message's body. */
		private Payload payload = Payload.JSON;

		/** How each message names its actor. */
		private final Id id = new Id();

		/** Redelivery of a message whose call failed. */
		private final Retry retry = new Retry();

		/** Kafka source settings. */
		private final Kafka kafka = new Kafka();

		/** RabbitMQ source settings. */
		private final Rabbitmq rabbitmq = new Rabbitmq();

		/** NATS JetStream source settings. */
		private final Nats nats = new Nats();

		/** Cron source settings. */
		private final Cron cron = new Cron();

		public @Nullable Source getSource() {
			return this.source;
		}

		public void setSource(@Nullable Source source) {
			this.source = source;
		}

		public @Nullable String getSystem() {
			return this.system;
		}

		public void setSystem(@Nullable String system) {
			this.system = system;
		}

		public @Nullable String getActor() {
			return this.actor;
		}

		public void setActor(@Nullable String actor) {
			this.actor = actor;
		}

		public @Nullable String getAction() {
			return this.action;
		}

		public void setAction(@Nullable String action) {
			this.action = action;
		}

		public Payload getPayload() {
			return this.payload;
		}

		public void setPayload(Payload payload) {
			this.payload = payload;
		}

		public Id getId() {
			return this.id;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Kafka getKafka() {
			return this.kafka;
		}

		public Rabbitmq getRabbitmq() {
			return this.rabbitmq;
		}

		public Nats getNats() {
			return this.nats;
		}

		public Cron getCron() {
			return this.cron;
		}

	}

	/** How each message names its actor. */
	public static class Id {

		/** Where the actor id comes from. */
		private IdFrom from = IdFrom.FIXED;

		/** Header holding the actor id, with {@code from=header}. */
		private @Nullable String header;

		/** Field of the JSON body holding the actor id, with {@code from=json}: a name or a JSON pointer. */
		private @Nullable String field;

		/** Actor id with {@code from=fixed}; empty means the target actor itself. */
		private @Nullable String name;

		public IdFrom getFrom() {
			return this.from;
		}

		public void setFrom(IdFrom from) {
			this.from = from;
		}

		public @Nullable String getHeader() {
			return this.header;
		}

		public void setHeader(@Nullable String header) {
			this.header = header;
		}

		public @Nullable String getField() {
			return this.field;
		}

		public void setField(@Nullable String field) {
			this.field = field;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

	}

	/** Redelivery of a message whose call failed. */
	public static class Retry {

		/** Deliveries of a message, the first included, before it goes to the dead letter. */
		private int maxAttempts = 5;

		/** Wait before the first redelivery. */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/** Factor by which the wait grows after each redelivery. */
		private double multiplier = 2.0;

		/** Longest wait between two deliveries. */
		private Duration maxBackoff = Duration.ofSeconds(30);

		/** Timeout of each call to the actor. */
		private Duration callTimeout = Duration.ofSeconds(30);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getCallTimeout() {
			return this.callTimeout;
		}

		public void setCallTimeout(Duration callTimeout) {
			this.callTimeout = callTimeout;
		}

	}

	/** Kafka source settings. */
	public static class Kafka {

		/** Topic to read. */
		private @Nullable String topic;

		/** Consumer group; empty means "spawn-activator-" and the activator's name. */
		private @Nullable String groupId;

		/** Comma-separated host:port pairs of the Kafka brokers. */
		private String bootstrapServers = "localhost:9092";

		/** Topic that receives a message after its last failed attempt; empty means the topic and ".DLT". */
		private @Nullable String deadLetterTopic;

		/** Consumers in this member; partitions are shared among them, each read in order. */
		private int concurrency = 1;

		/** Additional Kafka client properties, for the consumer and the dead-letter producer. */
		private final Map<String, String> properties = new LinkedHashMap<>();

		public @Nullable String getTopic() {
			return this.topic;
		}

		public void setTopic(@Nullable String topic) {
			this.topic = topic;
		}

		public @Nullable String getGroupId() {
			return this.groupId;
		}

		public void setGroupId(@Nullable String groupId) {
			this.groupId = groupId;
		}

		public String getBootstrapServers() {
			return this.bootstrapServers;
		}

		public void setBootstrapServers(String bootstrapServers) {
			this.bootstrapServers = bootstrapServers;
		}

		public @Nullable String getDeadLetterTopic() {
			return this.deadLetterTopic;
		}

		public void setDeadLetterTopic(@Nullable String deadLetterTopic) {
			this.deadLetterTopic = deadLetterTopic;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

	}

	/** RabbitMQ source settings. */
	public static class Rabbitmq {

		/** Queue to consume. */
		private @Nullable String queue;

		/** Queue that receives a message after its last failed attempt; empty means the queue and ".dlq". */
		private @Nullable String deadLetterQueue;

		/** Comma-separated host:port pairs of the RabbitMQ nodes. */
		private String addresses = "localhost:5672";

		/** Login user. */
		private String username = "guest";

		/** Login password. */
		private String password = "guest";

		/** Virtual host. */
		private String virtualHost = "/";

		/**
		 * Whether to declare the queue (durable, with a single active consumer) and the dead-letter queue (durable)
		 * when they are missing.
		 */
		private boolean declare = true;

		/** Messages sent to this member ahead of their turn; they are still delivered one at a time, in order. */
		private int prefetch = 10;

		public @Nullable String getQueue() {
			return this.queue;
		}

		public void setQueue(@Nullable String queue) {
			this.queue = queue;
		}

		public @Nullable String getDeadLetterQueue() {
			return this.deadLetterQueue;
		}

		public void setDeadLetterQueue(@Nullable String deadLetterQueue) {
			this.deadLetterQueue = deadLetterQueue;
		}

		public String getAddresses() {
			return this.addresses;
		}

		public void setAddresses(String addresses) {
			this.addresses = addresses;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public String getVirtualHost() {
			return this.virtualHost;
		}

		public void setVirtualHost(String virtualHost) {
			this.virtualHost = virtualHost;
		}

		public boolean isDeclare() {
			return this.declare;
		}

		public void setDeclare(boolean declare) {
			this.declare = declare;
		}

		public int getPrefetch() {
			return this.prefetch;
		}

		public void setPrefetch(int prefetch) {
			this.prefetch = prefetch;
		}

	}

	/** NATS JetStream source settings. */
	public static class Nats {

		/** Comma-separated URLs of the NATS servers. */
		private String url = "nats://localhost:4222";

		/** Subject to read; may hold wildcards. */
		private @Nullable String subject;

		/** JetStream stream that captures the subject; empty means "SPAWN_" and the activator's name. */
		private @Nullable String stream;

		/** Durable consumer; empty means "spawn-activator-" and the activator's name. */
		private @Nullable String durable;

		/** Subject that receives a message after its last failed attempt; empty means "spawn.dead-letter." and the activator's name. */
		private @Nullable String deadLetterSubject;

		/** Whether to create the stream, and a stream for the dead-letter subject, when they are missing. */
		private boolean declare = true;

		/**
		 * Messages fetched at a time, at most max-ack-pending; they are still delivered one at a time, in order.
		 */
		private int batch = 10;

		/**
		 * Messages the server hands out, across all members, before one is acknowledged; 1 keeps the stream's order
		 * when several members read it, more lets them read it in parallel without that order.
		 */
		private int maxAckPending = 1;

		/**
		 * How long the server waits for an acknowledgement before it delivers a message again; longer than the
		 * call timeout.
		 */
		private Duration ackWait = Duration.ofSeconds(60);

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public @Nullable String getSubject() {
			return this.subject;
		}

		public void setSubject(@Nullable String subject) {
			this.subject = subject;
		}

		public @Nullable String getStream() {
			return this.stream;
		}

		public void setStream(@Nullable String stream) {
			this.stream = stream;
		}

		public @Nullable String getDurable() {
			return this.durable;
		}

		public void setDurable(@Nullable String durable) {
			this.durable = durable;
		}

		public @Nullable String getDeadLetterSubject() {
			return this.deadLetterSubject;
		}

		public void setDeadLetterSubject(@Nullable String deadLetterSubject) {
			this.deadLetterSubject = deadLetterSubject;
		}

		public boolean isDeclare() {
			return this.declare;
		}

		public void setDeclare(boolean declare) {
			this.declare = declare;
		}

		public int getBatch() {
			return this.batch;
		}

		public void setBatch(int batch) {
			this.batch = batch;
		}

		public int getMaxAckPending() {
			return this.maxAckPending;
		}

		public void setMaxAckPending(int maxAckPending) {
			this.maxAckPending = maxAckPending;
		}

		public Duration getAckWait() {
			return this.ackWait;
		}

		public void setAckWait(Duration ackWait) {
			this.ackWait = ackWait;
		}

	}

	/** Cron source settings. */
	public static class Cron {

		/** Cron expression in Spring's six-field form (second minute hour day month weekday), or a macro like "@hourly". */
		private @Nullable String expression;

		/** Time zone the expression is read in. */
		private String zone = "UTC";

		public @Nullable String getExpression() {
			return this.expression;
		}

		public void setExpression(@Nullable String expression) {
			this.expression = expression;
		}

		public String getZone() {
			return this.zone;
		}

		public void setZone(String zone) {
			this.zone = zone;
		}

	}

}
