package io.spawn.internal.cluster.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.ClusterSettings;
import io.spawn.internal.cluster.discovery.DiscoveredCluster.Dns;
import io.spawn.internal.cluster.discovery.DiscoveredCluster.Kubernetes;
import io.spawn.internal.cluster.discovery.DiscoveredCluster.Settings;
import io.spawn.internal.cluster.discovery.DiscoveredCluster.Source;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The checks of a discovered cluster's settings, and how a member finds its own peer address.
 */
class DiscoveredClusterTests {

	private static final Supplier<List<InetAddress>> ONE_INTERFACE = () -> List.of(ip("10.1.2.3"), ip("fd00::3"));

	private final JdbcDataSource dataSource = new JdbcDataSource();

	DiscoveredClusterTests() {
		this.dataSource.setURL("jdbc:h2:mem:discovered-cluster;DB_CLOSE_DELAY=-1");
	}

	private static InetAddress ip(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Settings settings(Source source, String advertise, String serviceName, String dnsName) {
		return new Settings("spawn.proxy", source, "shop-spawn-abc12", 9990, advertise, "", Duration.ofSeconds(1),
				Duration.ofSeconds(5), new Kubernetes("shop", serviceName, "peer"), new Dns(dnsName, Duration.ofSeconds(3)));
	}

	@Test
	void theAdvertisedAddressIsThisMembersAddressOnItsPeerPort() {
		ClusterSettings settings = DiscoveredCluster.clusterSettings(settings(Source.DNS, "127.0.0.1", "", "peers"),
				ONE_INTERFACE);

		assertThat(settings.address()).isEqualTo("127.0.0.1:9990");
		assertThat(settings.nodeId()).isEqualTo("shop-spawn-abc12");
		assertThat(settings.port()).isEqualTo(9990);
	}

	@Test
	void withoutAnAdvertisedAddressTheOneInterfaceAddressIsTaken() {
		assertThat(DiscoveredCluster.clusterSettings(settings(Source.DNS, "", "", "peers"), ONE_INTERFACE).address())
			.as("IPv4 first").isEqualTo("10.1.2.3:9990");
		assertThat(DiscoveredCluster.clusterSettings(settings(Source.DNS, "", "", "peers"),
				() -> List.of(ip("fd00::3"))).address())
			.isEqualTo("[fd00:0:0:0:0:0:0:3]:9990");
	}

	@Test
	void aMemberThatCannotFindItselfDoesNotStart() {
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> DiscoveredCluster.clusterSettings(settings(Source.KUBERNETES, "", "peers", ""),
					() -> List.of(ip("10.1.2.3"), ip("192.168.7.7"))))
			.withMessage("this member cannot tell its own peer address: spawn.proxy.cluster.advertise-address is not"
					+ " set and this host has several addresses [10.1.2.3, 192.168.7.7]")
			.satisfies((ex) -> assertThat(ex.action()).contains("spawn.proxy.cluster.advertise-address")
				.contains("status.podIP"));
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> DiscoveredCluster.clusterSettings(settings(Source.KUBERNETES, "", "peers", ""),
					List::of))
			.withMessageContaining("this host has no network interface address");
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> DiscoveredCluster.clusterSettings(settings(Source.KUBERNETES, "10.255.0.9", "peers", ""),
					ONE_INTERFACE))
			.withMessage("spawn.proxy.cluster.advertise-address '10.255.0.9' is not an address of this host, so the"
					+ " other members would not find this one there");
	}

	@Test
	void refusesABadPortABlankNodeIdAndBadTiming() {
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> DiscoveredCluster.clusterSettings(new Settings("spawn.embedded", Source.DNS, "n", 0,
					"127.0.0.1", "", Duration.ofSeconds(1), Duration.ofSeconds(5), new Kubernetes("", "", ""),
					new Dns("peers", Duration.ofSeconds(3))), ONE_INTERFACE))
			.withMessageContaining("spawn.embedded.cluster.port");
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> DiscoveredCluster.clusterSettings(new Settings("spawn.proxy", Source.DNS, " ", 9990,
					"127.0.0.1", "", Duration.ofSeconds(1), Duration.ofSeconds(5), new Kubernetes("", "", ""),
					new Dns("peers", Duration.ofSeconds(3))), ONE_INTERFACE))
			.withMessageContaining("node id");
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> DiscoveredCluster.clusterSettings(new Settings("spawn.proxy", Source.DNS, "n", 9990,
					"127.0.0.1", "", Duration.ofSeconds(2), Duration.ofSeconds(3), new Kubernetes("", "", ""),
					new Dns("peers", Duration.ofSeconds(3))), ONE_INTERFACE))
			.withMessageContaining("heartbeat")
			.satisfies((ex) -> assertThat(ex.action()).contains("spawn.proxy.cluster.member-timeout"));
	}

	@Test
	void eachSourceNeedsItsName() {
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> DiscoveredCluster.member(settings(Source.DNS, "127.0.0.1", "", ""), this.dataSource))
			.withMessage("spawn.proxy.cluster.discovery=dns but spawn.proxy.cluster.dns.name is empty");
		assertThatExceptionOfType(ClusterConfigurationException.class)
			.isThrownBy(() -> DiscoveredCluster.member(settings(Source.KUBERNETES, "127.0.0.1", " ", ""),
					this.dataSource))
			.withMessage("spawn.proxy.cluster.kubernetes.service-name is empty");
	}

	@Test
	void aDnsMemberResolvesItsNameWithThePeerPort() {
		ClusterMember member = DiscoveredCluster.member(settings(Source.DNS, "127.0.0.1", "", "localhost"),
				this.dataSource);

		assertThat(member.membership().settings().address()).isEqualTo("127.0.0.1:9990");
	}

}
