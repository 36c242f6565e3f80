package io.spawn.autoconfigure;

import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.RemoteSystems;
import io.spawn.internal.cluster.StaticCluster;
import io.spawn.internal.cluster.discovery.DiscoveredCluster;
import io.spawn.internal.cluster.discovery.DiscoveredCluster.Source;
import io.spawn.internal.cluster.grpc.GrpcRemoteSystems;
import io.spawn.internal.cluster.grpc.PeerTlsBundles;
import io.spawn.internal.host.ActorHost;
import io.spawn.internal.host.HostException;
import io.spawn.internal.host.LocalValue;
import io.spawn.internal.host.ObjectHost;
import io.spawn.internal.model.ActionFailedException;
import io.spawn.internal.model.ActorDispatcher;
import io.spawn.internal.model.ActorInvoker;
import io.spawn.internal.model.PayloadCodec;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.internal.time.SystemRuntimeClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Embedded mode: the actor runtime runs in this application and runs actions through an in-process host, with
 * no HTTP hop.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ActorRuntime.class)
@ConditionalOnProperty(name = "spawn.mode", havingValue = "embedded", matchIfMissing = true)
@Import({ EmbeddedPersistenceConfiguration.class, EmbeddedOperationsConfiguration.class })
class EmbeddedModeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RuntimeClock spawnRuntimeClock() {
		return new SystemRuntimeClock();
	}

	/**
	 * This instance as a member of a cluster of instances of the application ({@code spawn.embedded.cluster.*},
	 * the same shape as the proxy's): they share the application's database, whose leases keep each actor in one
	 * instance.
	 */
	@Bean(destroyMethod = "")
	@ConditionalOnExpression("'${spawn.embedded.cluster.discovery:none}'.toLowerCase() != 'none'")
	ClusterMember spawnClusterMember(SpawnProperties properties, EmbeddedStatePersistence persistence,
			ObjectProvider<DataSource> dataSource, ObjectProvider<SslBundles> sslBundles, Environment environment) {
		SpawnEmbeddedProperties embedded = properties.getEmbedded();
		SpawnEmbeddedClusterProperties cluster = embedded.getCluster();
		String discovery = cluster.getDiscovery().name().toLowerCase(Locale.ROOT);
		DataSource database = dataSource.getIfUnique();
		if (!persistence.durable() || database == null) {
			throw new ClusterConfigurationException("spawn.embedded.cluster.discovery=" + discovery + " needs actor"
					+ " state in a database that every instance shares, but state is kept in memory",
					"Give the application a DataSource on a shared PostgreSQL database (with Hibernate and Flyway on"
							+ " the class path), or set spawn.embedded.cluster.discovery=none.");
		}
		String nodeId = EmbeddedPersistenceConfiguration.nodeId(embedded);
		ClusterMember member = switch (cluster.getDiscovery()) {
			case STATIC -> StaticCluster.member("spawn.embedded", nodeId, cluster.getPeers(), cluster.getPort(),
					cluster.getHeartbeatInterval(), cluster.getMemberTimeout(), cluster.getBindAddress(), database);
			case KUBERNETES -> DiscoveredCluster.member(discovered(cluster, nodeId, environment, Source.KUBERNETES),
					database);
			case DNS -> DiscoveredCluster.member(discovered(cluster, nodeId, environment, Source.DNS), database);
			case NONE -> throw new IllegalStateException("no cluster configured");
		};
		String bundle = cluster.getSsl().getBundle();
		if (bundle != null && !bundle.isBlank()) {
			member.secure(PeerTlsBundles.peerTls(sslBundles.getIfAvailable(), bundle, cluster.getSsl().getServerName(),
					"spawn.embedded.cluster.ssl.bundle"));
		}
		return member;
	}

	/** The settings of a discovered cluster; POD_IP stands in for an empty advertise address, as in the proxy. */
	static DiscoveredCluster.Settings discovered(SpawnEmbeddedClusterProperties cluster, String nodeId,
			Environment environment, Source source) {
		String advertise = cluster.getAdvertiseAddress().isBlank() ? environment.getProperty("POD_IP", "")
				: cluster.getAdvertiseAddress();
		return new DiscoveredCluster.Settings("spawn.embedded", source, nodeId, cluster.getPort(), advertise,
				cluster.getBindAddress(), cluster.getHeartbeatInterval(), cluster.getMemberTimeout(),
				new DiscoveredCluster.Kubernetes(cluster.getKubernetes().getNamespace(),
						cluster.getKubernetes().getServiceName(), cluster.getKubernetes().getPortName()),
				new DiscoveredCluster.Dns(cluster.getDns().getName(), cluster.getDns().getPollingInterval()));
	}

	@Bean
	@ConditionalOnMissingBean
	ActorRuntime spawnActorRuntime(SpawnActors actors, PayloadCodec codec, RuntimeClock clock,
			EmbeddedStatePersistence persistence, SpawnProperties properties,
			ObjectProvider<RuntimeObserver> observer, ObjectProvider<ActorInvocationListener> listeners,
			ObjectProvider<io.micrometer.observation.ObservationRegistry> observations,
			ObjectProvider<ClusterMember> cluster, RemoteSystems otherSystems) {
		RuntimeSettings settings = runtimeSettings(properties.getEmbedded().getRuntime());
		InProcessHost host = new InProcessHost(actors, codec, clock, listeners.orderedStream().toList(),
				observations.getIfAvailable(() -> io.micrometer.observation.ObservationRegistry.NOOP));
		ClusterMember member = cluster.getIfAvailable();
		ActorRuntime runtime = (member != null)
				? new ActorRuntime(host, persistence.stateStore(), persistence.scheduler(), clock, settings,
						observer.getIfAvailable(() -> RuntimeObserver.NONE), "spawn-java-embedded", "0.1.0",
						member.placement(), member.peers())
				: new ActorRuntime(host, persistence.stateStore(), persistence.scheduler(), clock, settings,
						observer.getIfAvailable(() -> RuntimeObserver.NONE), "spawn-java-embedded", "0.1.0");
		runtime.connectSystems(otherSystems);
		return runtime;
	}

	/**
	 * The other actor systems this application calls into ({@code spawn.embedded.cluster.systems}), with the
	 * cluster's mutual TLS when it has one.
	 */
	@Bean
	@ConditionalOnMissingBean
	RemoteSystems spawnOtherSystems(SpawnProperties properties, ObjectProvider<ClusterMember> cluster) {
		Map<String, List<String>> systems = new LinkedHashMap<>();
		properties.getEmbedded().getCluster().getSystems().forEach((name, other) -> systems.put(name, other.getPeers()));
		ClusterMember member = cluster.getIfAvailable();
		try {
			return GrpcRemoteSystems.connect(EmbeddedPersistenceConfiguration.nodeId(properties.getEmbedded()), systems,
					(member != null) ? member.tls() : null);
		}
		catch (ClusterConfigurationException ex) {
			throw new IllegalStateException("spawn.embedded.cluster.systems: " + ex.getMessage() + ". " + ex.action(),
					ex);
		}
	}

	/** The runtime's settings from {@code spawn.embedded.runtime.*}. */
	static RuntimeSettings runtimeSettings(SpawnEmbeddedProperties.Runtime runtime) {
		return new RuntimeSettings(runtime.getIdleTimeout(), runtime.getSnapshotInterval(), runtime.getCallTimeout(),
				runtime.getMailboxCapacity(), runtime.getMaxActivations(), runtime.getMaxPoolSize());
	}

	@Bean
	@ConditionalOnMissingBean
	ActorInvoker spawnActorInvoker(ActorRuntime runtime) {
		return new EmbeddedActorInvoker(runtime);
	}

	@Bean
	@ConditionalOnMissingBean
	SpawnEmbeddedLifecycle spawnEmbeddedLifecycle(ActorRuntime runtime, SpawnActors actors,
			EmbeddedStatePersistence persistence, SpawnProperties properties, Environment environment,
			ObjectProvider<ClusterMember> cluster) {
		return new SpawnEmbeddedLifecycle(runtime, actors, persistence, properties,
				environment.getProperty("spring.application.name", "application"), cluster.getIfAvailable());
	}

	/**
	 * The in-process host: runs an action on its bean directly, on the runtime's virtual thread. States, commands
	 * and replies that cannot change after the call stay objects ({@link PayloadCodec#travelsAsObject}).
	 */
	static final class InProcessHost implements ObjectHost {

		private final SpawnActors actors;

		private final PayloadCodec codec;

		private final RuntimeClock clock;

		private final java.util.List<ActorInvocationListener> listeners;

		private volatile ActorDispatcher dispatcher;

		private final io.micrometer.observation.ObservationRegistry observations;

		InProcessHost(SpawnActors actors, PayloadCodec codec, RuntimeClock clock,
				java.util.List<ActorInvocationListener> listeners,
				io.micrometer.observation.ObservationRegistry observations) {
			this.actors = actors;
			this.codec = codec;
			this.clock = clock;
			this.listeners = listeners;
			this.observations = observations;
		}

		@Override
		public io.spawn.protocol.ActorInvocationResponse invoke(io.spawn.protocol.ActorInvocation invocation,
				java.time.Duration timeout) {
			return run(invocation, null, null, false, false).response();
		}

		@Override
		public HostReply invoke(io.spawn.protocol.ActorInvocation invocation, @Nullable LocalValue state,
				@Nullable LocalValue command, boolean replyAsObject, java.time.Duration timeout) {
			ActorDispatcher.Answer answer = run(invocation, (state != null) ? state.value() : null,
					(command != null) ? command.value() : null, true, replyAsObject);
			return new HostReply(answer.response(), local(answer.state()), local(answer.reply()));
		}

		private @Nullable LocalValue local(@Nullable Object value) {
			return (value != null) ? LocalValue.of(value, this.codec::encodePresent) : null;
		}

		private ActorDispatcher.Answer run(io.spawn.protocol.ActorInvocation invocation, @Nullable Object state,
				@Nullable Object command, boolean objects, boolean replyAsObject) {
			ActorDispatcher current = this.dispatcher;
			if (current == null) {
				current = new ActorDispatcher(this.actors.models(), this.codec, this.clock::millis, this.observations);
				this.dispatcher = current;
			}
			try {
				ActorDispatcher.Answer answer = objects
						? current.dispatchObjects(invocation, state, command, replyAsObject)
						: new ActorDispatcher.Answer(current.dispatch(invocation), null, null);
				for (ActorInvocationListener listener : this.listeners) {
					listener.invoked(invocation, answer.response());
				}
				return answer;
			}
			catch (ActionFailedException ex) {
				throw new HostException(HostException.Reason.ACTION_FAILED, ex.getMessage(), ex);
			}
		}

	}

}
