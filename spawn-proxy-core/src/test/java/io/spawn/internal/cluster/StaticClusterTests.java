package io.spawn.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class StaticClusterTests {

	private final JdbcDataSource dataSource = new JdbcDataSource();

	StaticClusterTests() {
		this.dataSource.setURL("jdbc:h2:mem:static-cluster;DB_CLOSE_DELAY=-1");
	}

	private ClusterMember member(List<String> peers, int port, String nodeId) {
		return StaticCluster.member("spawn.proxy", nodeId, peers, port, Duration.ofSeconds(1), Duration.ofSeconds(5),
				"", this.dataSource);
	}

	@Test
	void takesThisMembersAddressFromTheListByItsPort() {
		ClusterMember member = member(List.of("127.0.0.1:9991", "127.0.0.1:9992", "10.255.0.9:9993"), 9992, "n2");
		assertThat(member.membership().settings().address()).isEqualTo("127.0.0.1:9992");
		assertThat(member.membership().localNode()).isEqualTo("n2");
	}

	@Test
	void refusesAListWithoutThisMember() {
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> member(List.of("127.0.0.1:9991", "127.0.0.1:9992"), 9995, "n"))
			.withMessageContaining("does not contain this member")
			.satisfies((ex) -> assertThat(ex.action()).contains("spawn.proxy.cluster.peers"));
	}

	@Test
	void refusesAnEmptyListAMalformedEntryADuplicateAndABadPort() {
		assertThatExceptionOfType(ClusterConfigurationException.class).isThrownBy(() -> member(List.of(), 9991, "n"))
			.withMessageContaining("is empty");
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> member(List.of("127.0.0.1"), 9991, "n"))
			.withMessageContaining("is not a peer address host:port");
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> member(List.of("127.0.0.1:9991", "127.0.0.1:9991"), 9991, "n"))
			.withMessageContaining("twice");
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> member(List.of("127.0.0.1:9991"), 0, "n"))
			.withMessageContaining("spawn.proxy.cluster.port");
	}

	@Test
	void refusesAMemberTimeoutShorterThanTwoHeartbeats() {
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> StaticCluster.member("spawn.embedded", "n", List.of("127.0.0.1:9991"), 9991,
					Duration.ofSeconds(2), Duration.ofSeconds(3), "", this.dataSource))
			.withMessageContaining("heartbeat")
			.satisfies((ex) -> assertThat(ex.action()).contains("spawn.embedded.cluster.member-timeout"));
	}

}
