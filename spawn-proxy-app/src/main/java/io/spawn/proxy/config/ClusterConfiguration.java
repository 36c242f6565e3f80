package io.spawn.proxy.config;

import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.StaticCluster;
import io.spawn.internal.cluster.grpc.PeerTlsBundles;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.proxy.config.SpawnProxyProperties.Cluster;
import io.spawn.proxy.config.SpawnProxyProperties.DatabaseType;
import io.spawn.proxy.lifecycle.ClusterEndpoint;
import io.spawn.proxy.lifecycle.ClusterHealthIndicator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
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
		Cluster cluster = properties.getCluster();
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
				case KUBERNETES, DNS -> throw new InvalidProxyConfigurationException("spawn.proxy.cluster.discovery="
						+ cluster.getDiscovery().name().toLowerCase() + " is not available in this build yet",
						"Use spawn.proxy.cluster.discovery=static with spawn.proxy.cluster.peers listing every member"
								+ " (on Kubernetes: the pods' stable DNS names of a StatefulSet), or run one replica.");
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
