package io.spawn.proxy.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.StaticCluster;
import io.spawn.internal.cluster.discovery.DiscoveredCluster;
import io.spawn.internal.cluster.discovery.DiscoveredCluster.Source;
import io.spawn.internal.cluster.grpc.PeerTlsBundles;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.proxy.config.SpawnProxyDatabaseProperties.DatabaseType;
import io.spawn.proxy.lifecycle.ClusterEndpoint;
import io.spawn.proxy.lifecycle.ClusterHealthIndicator;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The proxy as a member of a cluster ({@code spawn.proxy.cluster.discovery} other than {@code none}): the
 * membership, the rendezvous placement and the peer transport the runtime is built with, its health and its
 * actuator endpoint. The cluster's members share one PostgreSQL database: its leases keep each actor in one
 * place, its member table tells who is live.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spawn.proxy.cluster.discovery:none}'.toLowerCase() != 'none'")
final class ClusterConfiguration {

	@Bean(destroyMethod = "close")
	ClusterMember clusterMember(SpawnProxyProperties properties, Environment environment, DataSource dataSource,
			ObjectProvider<SslBundles> sslBundles) {
		SpawnProxyClusterProperties cluster = properties.getCluster();
		if (properties.getDatabase().getType() != DatabaseType.POSTGRES) {
			throw new InvalidProxyConfigurationException("spawn.proxy.cluster.discovery is " + cluster.getDiscovery()
					+ " but the database is the embedded H2 file, which other members cannot share",
					"Set spawn.proxy.database.type=postgres (PROXY_DATABASE_TYPE) with a PostgreSQL server that every"
							+ " member reaches, or spawn.proxy.cluster.discovery=none for a single proxy.");
		}
		try {
			ClusterMember member = switch (cluster.getDiscovery()) {
				case STATIC -> StaticCluster.member("spawn.proxy",
						StatePersistenceConfiguration.nodeId(properties, environment), cluster.getPeers(),
						cluster.getPort(), cluster.getHeartbeatInterval(), cluster.getMemberTimeout(),
						cluster.getBindAddress(), dataSource);
				case KUBERNETES -> DiscoveredCluster.member(discovered(properties, environment, Source.KUBERNETES),
						dataSource);
				case DNS -> DiscoveredCluster.member(discovered(properties, environment, Source.DNS), dataSource);
				case NONE -> throw new IllegalStateException("no cluster configured");
			};
			String bundle = cluster.getSsl().getBundle();
			if (bundle != null && !bundle.isBlank()) {
				member.secure(PeerTlsBundles.peerTls(sslBundles.getIfAvailable(), bundle,
						cluster.getSsl().getServerName(), "spawn.proxy.cluster.ssl.bundle"));
			}
			return member;
		}
		catch (ClusterConfigurationException ex) {
			throw new InvalidProxyConfigurationException(ex.getMessage(), ex.action());
		}
	}

	/**
	 * The settings of a discovered cluster. Upstream's POD_IP arrives as spawn.proxy.cluster.advertise-address through
	 * the upstream aliases.
	 */
	static DiscoveredCluster.Settings discovered(SpawnProxyProperties properties, Environment environment,
			Source source) {
		SpawnProxyClusterProperties cluster = properties.getCluster();
		return new DiscoveredCluster.Settings("spawn.proxy", source,
				StatePersistenceConfiguration.nodeId(properties, environment), cluster.getPort(),
				cluster.getAdvertiseAddress(), cluster.getBindAddress(), cluster.getHeartbeatInterval(),
				cluster.getMemberTimeout(),
				new DiscoveredCluster.Kubernetes(cluster.getKubernetes().getNamespace(),
						cluster.getKubernetes().getServiceName(), cluster.getKubernetes().getPortName()),
				new DiscoveredCluster.Dns(cluster.getDns().getName(), cluster.getDns().getPollingInterval()));
	}

	@Bean
	MeterBinder spawnClusterMeters(ClusterMember member) {
		return (registry) -> {
			Gauge.builder("spawn.cluster.members", member, (m) -> m.membership().view().members().size())
				.description("Live members in this member's view, itself included")
				.register(registry);
			FunctionCounter.builder("spawn.cluster.handovers", member, ClusterMember::handovers)
				.description("Actors this member handed over to their new owner after the view changed")
				.register(registry);
			FunctionCounter.builder("spawn.cluster.failovers", member, (m) -> m.membership().membersLost())
				.description("Members that dropped out of the view without leaving (dead or cut off)")
				.register(registry);
		};
	}

	@Bean
	ClusterHealthIndicator spawnClusterHealthIndicator(ClusterMember member) {
		return new ClusterHealthIndicator(member);
	}

	@Bean
	ClusterEndpoint spawnClusterEndpoint(ClusterMember member, ActorRuntime runtime) {
		return new ClusterEndpoint(member, runtime);
	}

}
