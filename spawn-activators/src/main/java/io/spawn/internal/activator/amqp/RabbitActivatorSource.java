package io.spawn.internal.activator.amqp;

import io.spawn.internal.activator.ActivatorConfigurationException;
import io.spawn.internal.activator.ActivatorDefinition;
import io.spawn.internal.activator.ActivatorDefinition.RetryPolicy;
import io.spawn.internal.activator.ActivatorProperties.Rabbitmq;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.IncomingMessage;
import io.spawn.internal.activator.MalformedMessageException;
import io.spawn.internal.activator.MessageHandler;
import java.time.Duration;
import java.util.HexFormat;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.DigestUtils;
import org.springframework.util.StringUtils;

/**
 * Consumes a queue and calls the actor for each message, one at a time, in queue order. The queue it declares has
 * a single active consumer ({@code x-single-active-consumer}), so that members running the same activator do not
 * share it out of order; a queue declared elsewhere should have it too.
 *
 * <p>
 * The container acknowledges a message only after its listener returned, that is after the call succeeded
 * ({@link AcknowledgeMode#AUTO}, acknowledged by the container, not by the broker on delivery). A failed call is
 * retried in place with exponential back-off by a stateless retry interceptor, so that the messages behind it wait;
 * after the last attempt a {@link RepublishMessageRecoverer} publishes it to the dead-letter queue with the failure
 * in its {@code x-exception-*} headers and the original is acknowledged. If even that publication fails, the
 * message is rejected and requeued: nothing is dropped. A message that cannot become a call goes to the dead letter
 * at once.
 */
final class RabbitActivatorSource implements ActivatorSource {

	private final CachingConnectionFactory connections;

	private final SimpleMessageListenerContainer container;

	private final Rabbitmq settings;

	private final String deadLetter;

	private final ActivatorDefinition definition;

	RabbitActivatorSource(ActivatorDefinition definition, MessageHandler handler, Rabbitmq settings) {
		this.settings = settings;
		this.definition = definition;
		String queue = settings.getQueue();
		this.deadLetter = StringUtils.hasText(settings.getDeadLetterQueue()) ? settings.getDeadLetterQueue()
				: queue + ".dlq";
		this.connections = new CachingConnectionFactory();
		this.connections.setAddresses(settings.getAddresses());
		this.connections.setUsername(settings.getUsername());
		this.connections.setPassword(settings.getPassword());
		this.connections.setVirtualHost(settings.getVirtualHost());
		this.connections.setConnectionNameStrategy((factory) -> "spawn-activator-" + definition.name());

		this.container = new SimpleMessageListenerContainer(this.connections);
		this.container.setQueueNames(queue);
		// One consumer: a second one would take the next message while the first is still in its call.
		this.container.setConcurrentConsumers(1);
		this.container.setPrefetchCount(settings.getPrefetch());
		this.container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		this.container.setDefaultRequeueRejected(true);
		this.container.setMissingQueuesFatal(false);
		this.container.setShutdownTimeout(Duration.ofSeconds(5).toMillis());
		this.container.setBeanName("spawn-activator-" + definition.name());
		this.container.setAdviceChain(retry(definition.retry(), new RabbitTemplate(this.connections)));
		this.container.setMessageListener((MessageListener) (message) -> handler.handle(incoming(queue, message)));
		this.container.afterPropertiesSet();
	}

	private MethodInterceptor retry(RetryPolicy retry, RabbitTemplate template) {
		return RetryInterceptorBuilder.stateless()
			.configureRetryPolicy((policy) -> policy.maxRetries(retry.maxAttempts() - 1)
				.delay(retry.initialBackoff())
				.multiplier(retry.multiplier())
				.maxDelay(retry.maxBackoff())
				.predicate((failure) -> !malformed(failure)))
			.recoverer(new RepublishMessageRecoverer(template, "", this.deadLetter))
			.build();
	}

	private static boolean malformed(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MalformedMessageException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The message's id is its {@code message-id} property, which a redelivery keeps; without one, a digest of the
	 * body, so that an actor can still drop a redelivery (two messages with equal bodies then share an id).
	 */
	static IncomingMessage incoming(String queue, Message message) {
		byte[] body = message.getBody();
		String id = message.getMessageProperties().getMessageId();
		if (!StringUtils.hasText(id)) {
			id = queue + "-" + HexFormat.of().formatHex(DigestUtils.md5Digest(body));
		}
		return new IncomingMessage(id, body, (name) -> header(message, name));
	}

	private static @Nullable String header(Message message, String name) {
		Object value = message.getMessageProperties().getHeaders().get(name);
		return (value != null) ? value.toString() : null;
	}

	@Override
	public void start() {
		if (this.container.isRunning()) {
			return;
		}
		if (this.settings.isDeclare()) {
			RabbitAdmin admin = new RabbitAdmin(this.connections);
			try {
				// A single active consumer: when several members run the activator, one consumes and the others
				// stand by, so that the queue's order holds across members.
				admin.declareQueue(QueueBuilder.durable(this.settings.getQueue()).singleActiveConsumer().build());
				admin.declareQueue(QueueBuilder.durable(this.deadLetter).build());
			}
			catch (AmqpException ex) {
				Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
				throw new ActivatorConfigurationException(this.definition.prefix() + ": cannot declare queue '"
						+ this.settings.getQueue() + "' (durable, x-single-active-consumer) or '" + this.deadLetter
						+ "' on " + this.settings.getAddresses() + ": " + cause.getMessage() + ". A queue declared "
						+ "elsewhere must be durable with x-single-active-consumer, and then set "
						+ this.definition.prefix() + ".rabbitmq.declare=false");
			}
		}
		this.container.start();
	}

	@Override
	public void stop() {
		this.container.stop();
		this.connections.destroy();
	}

}
