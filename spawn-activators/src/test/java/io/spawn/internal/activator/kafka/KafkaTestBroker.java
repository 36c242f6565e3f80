package io.spawn.internal.activator.kafka;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker in this JVM: Kafka's own test kit, which spring-kafka-test's
 * {@code EmbeddedKafkaKraftBroker} wraps. Used directly because spring-kafka-test 4.1.x calls test-kit methods
 * that the 4.3.1 broker (the pin of ADR 0001) no longer has.
 */
final class KafkaTestBroker implements AutoCloseable {

	private final KafkaClusterTestKit cluster;

	KafkaTestBroker() throws Exception {
		this.cluster = new KafkaClusterTestKit.Builder(
				new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
			.setConfigProp("group.initial.rebalance.delay.ms", "0")
			.setConfigProp("offsets.topic.replication.factor", "1")
			.setConfigProp("offsets.topic.num.partitions", "1")
			.setConfigProp("transaction.state.log.replication.factor", "1")
			.build();
		this.cluster.format();
		this.cluster.startup();
		this.cluster.waitForReadyBrokers();
	}

	String bootstrapServers() {
		return this.cluster.bootstrapServers();
	}

	void createTopics(NewTopic... topics) throws Exception {
		try (Admin admin = this.cluster.admin()) {
			admin.createTopics(List.of(topics)).all().get();
		}
	}

	@Override
	public void close() throws Exception {
		this.cluster.close();
	}

}
