package io.spawn.internal.activator.nats;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.spawn.internal.activator.ActivatorConfigurationException;
import io.spawn.internal.activator.ActivatorDefinition;
import io.spawn.internal.activator.ActivatorDefinition.RetryPolicy;
import io.spawn.internal.activator.ActivatorProperties;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.IncomingMessage;
import io.spawn.internal.activator.MalformedMessageException;
import io.spawn.internal.activator.MessageHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.StringUtils;

/**
 * Reads a subject through a JetStream durable pull consumer and calls the actor for each message, one at a time, in
 * stream order.
 *
 * <p>
 * A message is acknowledged only after its call succeeded. A failed call is retried in place with exponential
 * back-off (Spring's {@link RetryTemplate}; the message is marked in progress before each further attempt so the
 * server does not hand it out again meanwhile), so that the messages behind it wait; after the last attempt it is published to
 * the dead-letter subject with the failure in its {@code Spawn-Exception-*} headers, then acknowledged. If this
 * member dies first, the server delivers the unacknowledged message again after {@code ack-wait}.
 */
final class NatsActivatorSource implements ActivatorSource {

	/** Header of a dead letter: the failure's message. */
	static final String EXCEPTION_MESSAGE = "Spawn-Exception-Message";

	/** Header of a dead letter: the failure's class. */
	static final String EXCEPTION_TYPE = "Spawn-Exception-Type";

	/** Header of a dead letter: the subject it was read from. */
	static final String ORIGINAL_SUBJECT = "Spawn-Original-Subject";

	/** Header of a dead letter: its message id (stream and sequence). */
	static final String ORIGINAL_ID = "Spawn-Original-Id";

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(NatsActivatorSource.class));

	private static final Duration FETCH_WAIT = Duration.ofMillis(500);

	private final ActivatorDefinition definition;

	private final MessageHandler handler;

	private final ActivatorProperties.Nats settings;

	private final String subject;

	private final String stream;

	private final String durable;

	private final String deadLetter;

	private final RetryTemplate retry;

	private volatile @Nullable Connection connection;

	private volatile @Nullable Thread reader;

	private volatile boolean running;

	NatsActivatorSource(ActivatorDefinition definition, MessageHandler handler, ActivatorProperties.Nats settings) {
		this.definition = definition;
		this.handler = handler;
		this.settings = settings;
		this.subject = settings.getSubject();
		String name = definition.name().replaceAll("[^A-Za-z0-9_-]", "_");
		this.stream = StringUtils.hasText(settings.getStream()) ? settings.getStream()
				: "SPAWN_" + name.toUpperCase(Locale.ROOT);
		this.durable = StringUtils.hasText(settings.getDurable()) ? settings.getDurable() : "spawn-activator-" + name;
		this.deadLetter = StringUtils.hasText(settings.getDeadLetterSubject()) ? settings.getDeadLetterSubject()
				: "spawn.dead-letter." + name;
		this.retry = retryTemplate(definition.retry());
	}

	private static RetryTemplate retryTemplate(RetryPolicy retry) {
		return new RetryTemplate(org.springframework.core.retry.RetryPolicy.builder()
			.maxRetries(retry.maxAttempts() - 1)
			.delay(retry.initialBackoff())
			.multiplier(retry.multiplier())
			.maxDelay(retry.maxBackoff())
			.predicate((failure) -> !(failure instanceof MalformedMessageException))
			.build());
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		Connection connection;
		JetStreamSubscription subscription;
		try {
			connection = Nats.connect(Options.builder()
				.servers(this.settings.getUrl().split(","))
				.connectionName("spawn-activator-" + this.definition.name())
				.build());
			if (this.settings.isDeclare()) {
				declare(connection.jetStreamManagement());
			}
			ConsumerConfiguration consumer = ConsumerConfiguration.builder()
				.durable(this.durable)
				.filterSubject(this.subject)
				.ackPolicy(AckPolicy.Explicit)
				.ackWait(this.settings.getAckWait())
				// One message out at a time across every member reading this durable: the stream's order holds
				// even when several proxies or application instances run the activator.
				.maxAckPending(this.settings.getMaxAckPending())
				.deliverPolicy(DeliverPolicy.All)
				.build();
			subscription = connection.jetStream()
				.subscribe(this.subject,
						PullSubscribeOptions.builder().stream(this.stream).configuration(consumer).build());
		}
		catch (IOException | JetStreamApiException ex) {
			throw new ActivatorConfigurationException(this.definition.prefix() + ": cannot read subject '"
					+ this.subject + "' of stream '" + this.stream + "' on " + this.settings.getUrl() + ": "
					+ ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while connecting to NATS", ex);
		}
		this.connection = connection;
		this.running = true;
		JetStream jetStream = jetStream(connection);
		this.reader = Thread.ofPlatform()
			.daemon()
			.name("spawn-activator-" + this.definition.name())
			.start(() -> read(subscription, jetStream));
	}

	private void declare(JetStreamManagement management) throws IOException, JetStreamApiException {
		ensureStream(management, this.stream, this.subject);
		ensureStream(management, this.stream + "_DLQ", this.deadLetter);
	}

	private static void ensureStream(JetStreamManagement management, String name, String subject)
			throws IOException, JetStreamApiException {
		List<String> existing = management.getStreamNames();
		if (!existing.contains(name)) {
			management.addStream(StreamConfiguration.builder()
				.name(name)
				.subjects(subject)
				.storageType(StorageType.File)
				.build());
		}
	}

	private static JetStream jetStream(Connection connection) {
		try {
			return connection.jetStream();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void read(JetStreamSubscription subscription, JetStream jetStream) {
		while (this.running) {
			List<Message> messages;
			try {
				// No more than the server hands out before an acknowledgement, or the fetch waits out its time.
				messages = subscription.fetch(Math.min(this.settings.getBatch(), this.settings.getMaxAckPending()),
						FETCH_WAIT);
			}
			catch (RuntimeException ex) {
				if (this.running) {
					logger.warn(() -> "Activator '" + this.definition.name() + "': fetch failed, retrying: "
							+ ex.getMessage());
					pause();
				}
				continue;
			}
			for (Message message : messages) {
				if (!this.running) {
					// Not acknowledged: the server delivers it again, here or to another member.
					return;
				}
				handle(message, jetStream);
			}
		}
	}

	private void handle(Message message, JetStream jetStream) {
		IncomingMessage incoming = incoming(this.stream, message);
		int[] attempts = { 0 };
		try {
			this.retry.execute(() -> {
				if (attempts[0]++ > 0) {
					// A redelivery after back-off: restart the server's ack-wait clock for this message.
					message.inProgress();
				}
				this.handler.handle(incoming);
				return null;
			});
			message.ack();
		}
		catch (RetryException ex) {
			deadLetter(message, incoming, ex.getLastException(), jetStream);
		}
	}

	private void deadLetter(Message message, IncomingMessage incoming, Throwable failure, JetStream jetStream) {
		Headers headers = new Headers();
		if (message.getHeaders() != null) {
			message.getHeaders().forEach((key, values) -> headers.put(key, values));
		}
		headers.put(EXCEPTION_MESSAGE, String.valueOf(failure.getMessage()).replace('\n', ' ').replace('\r', ' '));
		headers.put(EXCEPTION_TYPE, failure.getClass().getName());
		headers.put(ORIGINAL_SUBJECT, message.getSubject());
		headers.put(ORIGINAL_ID, incoming.id());
		try {
			jetStream.publish(this.deadLetter, headers, message.getData());
			message.ack();
		}
		catch (IOException | JetStreamApiException ex) {
			// Not acknowledged: the server delivers it again after ack-wait.
			logger.warn(() -> "Activator '" + this.definition.name() + "': could not dead-letter "
					+ incoming.id() + " to '" + this.deadLetter + "': " + ex.getMessage());
		}
	}

	/** The message's id is its stream and stream sequence, which a redelivery keeps. */
	static IncomingMessage incoming(String stream, Message message) {
		String id = stream + "-" + message.metaData().streamSequence();
		byte[] body = (message.getData() != null) ? message.getData() : new byte[0];
		Headers headers = message.getHeaders();
		return new IncomingMessage(id, body, (name) -> (headers != null) ? headers.getFirst(name) : null);
	}

	private void pause() {
		try {
			Thread.sleep(FETCH_WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread reader = this.reader;
		if (reader != null) {
			try {
				// The message in its call finishes first; at most one fetch wait more.
				reader.join(this.definition.retry().callTimeout().plus(FETCH_WAIT).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.reader = null;
		}
		Connection connection = this.connection;
		if (connection != null) {
			try {
				connection.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.connection = null;
		}
	}

}
