package io.spawn.internal.activator.kafka;

import io.spawn.internal.activator.ActivatorDefinition;
import io.spawn.internal.activator.ActivatorDefinition.RetryPolicy;
import io.spawn.internal.activator.ActivatorProperties.Kafka;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.IncomingMessage;
import io.spawn.internal.activator.MalformedMessageException;
import io.spawn.internal.activator.MessageHandler;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.StringUtils;

/**
 * Reads a topic with a consumer group and calls the actor for each record, one record at a time per partition.
 *
 * <p>
 * The offset of a record is committed only after its call returned ({@link AckMode#RECORD}); a failed call is
 * retried in place with exponential back-off by a {@link DefaultErrorHandler}, which seeks back to the record so
 * that later records of its partition wait; after the last attempt a {@link DeadLetterPublishingRecoverer}
 * publishes the record to the dead-letter topic with the failure in its {@code kafka_dlt-exception-*} headers, and
 * the partition moves on. A message that cannot become a call goes to the dead letter at once.
 */
final class KafkaActivatorSource implements ActivatorSource {

	private final ConcurrentMessageListenerContainer<byte[], byte[]> container;

	private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

	KafkaActivatorSource(ActivatorDefinition definition, MessageHandler handler, Kafka settings) {
		String topic = settings.getTopic();
		String groupId = StringUtils.hasText(settings.getGroupId()) ? settings.getGroupId()
				: "spawn-activator-" + definition.name();
		String deadLetter = StringUtils.hasText(settings.getDeadLetterTopic()) ? settings.getDeadLetterTopic()
				: topic + ".DLT";

		Map<String, Object> consumer = new HashMap<>();
		consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.getBootstrapServers());
		consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumer.putAll(settings.getProperties());
		consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

		Map<String, Object> producer = new HashMap<>();
		producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.getBootstrapServers());
		producer.putAll(settings.getProperties());
		producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producers = new DefaultKafkaProducerFactory<>(producer);

		ContainerProperties properties = new ContainerProperties(topic);
		properties.setGroupId(groupId);
		properties.setAckMode(AckMode.RECORD);
		properties.setMessageListener(
				(MessageListener<byte[], byte[]>) (message) -> handler.handle(incoming(message)));
		this.container = new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(consumer),
				properties);
		this.container.setConcurrency(settings.getConcurrency());
		this.container.setBeanName("spawn-activator-" + definition.name());
		this.container.setCommonErrorHandler(errorHandler(definition.retry(), deadLetter));
	}

	private DefaultErrorHandler errorHandler(RetryPolicy retry, String deadLetter) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(this.producers),
				// A negative partition lets the producer choose by key, so the dead letter needs no matching count.
				(record, failure) -> new TopicPartition(deadLetter, -1));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxAttempts() - 1);
		backOff.setInitialInterval(retry.initialBackoff().toMillis());
		backOff.setMultiplier(retry.multiplier());
		backOff.setMaxInterval(retry.maxBackoff().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(MalformedMessageException.class);
		handler.setCommitRecovered(true);
		return handler;
	}

	static IncomingMessage incoming(ConsumerRecord<byte[], byte[]> record) {
		byte[] body = (record.value() != null) ? record.value() : new byte[0];
		return new IncomingMessage(record.topic() + "-" + record.partition() + "-" + record.offset(), body,
				(name) -> header(record, name));
	}

	private static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void start() {
		if (!this.container.isRunning()) {
			this.container.start();
		}
	}

	@Override
	public void stop() {
		this.container.stop();
		this.producers.destroy();
	}

}
