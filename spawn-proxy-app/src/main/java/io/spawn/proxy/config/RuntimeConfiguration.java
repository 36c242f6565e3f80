package io.spawn.proxy.config;

import io.spawn.internal.cluster.ClusterConfigurationException;
import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.RemoteSystems;
import io.spawn.internal.cluster.grpc.GrpcRemoteSystems;
import io.spawn.internal.host.ActorHost;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.proxy.SpawnProxyApplication;
import io.spawn.proxy.lifecycle.RegisteredSystems;
import io.spawn.proxy.lifecycle.RuntimeHealthIndicator;
import io.spawn.proxy.lifecycle.RuntimeLifecycle;
import io.spawn.proxy.logging.FailedInvocationLogger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The actor runtime and what it runs with: clock, settings from {@code spawn.proxy.runtime.*}, its lifecycle
 * (start, graceful drain) and its readiness health.
 */
@Configuration(proxyBeanMethods = false)
final class RuntimeConfiguration {

	/** Name the proxy reports in RegistrationResponse.proxy_info. */
	static final String PROXY_NAME = "spawn-java-proxy";

	@Bean(destroyMethod = "close")
	SystemRuntimeClock runtimeClock() {
		return new SystemRuntimeClock();
	}

	@Bean
	RuntimeSettings runtimeSettings(SpawnProxyProperties properties) {
		SpawnProxyProperties.Runtime runtime = properties.getRuntime();
		return new RuntimeSettings(positive(runtime.getIdleTimeout(), "spawn.proxy.runtime.idle-timeout"),
				positive(runtime.getSnapshotInterval(), "spawn.proxy.runtime.snapshot-interval"),
				positive(runtime.getCallTimeout(), "spawn.proxy.runtime.call-timeout"),
				positive(runtime.getMailboxCapacity(), "spawn.proxy.runtime.mailbox-capacity"),
				positive(runtime.getMaxActivations(), "spawn.proxy.runtime.max-activations"),
				positive(runtime.getMaxPoolSize(), "spawn.proxy.runtime.max-pool-size"));
	}

	@Bean
	RegisteredSystems registeredSystems() {
		return new RegisteredSystems();
	}

	/**
	 * The runtime. Its schedules are gated by {@link RegisteredSystems}: durable delayed calls of a system wait
	 * for its host to register again after a restart instead of being dropped.
	 */
	@Bean
	ActorRuntime actorRuntime(ActorHost host, ActorStateStore store, InvocationScheduler scheduler,
			RuntimeClock clock, RuntimeSettings settings, RegisteredSystems registeredSystems,
			ObjectProvider<RuntimeObserver> observers, ObjectProvider<ClusterMember> cluster,
			RemoteSystems otherSystems) {
		ClusterMember member = cluster.getIfAvailable();
		RuntimeObserver runtimeObserver = CompositeRuntimeObserver.of(observers.orderedStream().toList());
		ActorRuntime runtime = (member == null)
				? new ActorRuntime(host, store, registeredSystems.gate(scheduler), clock, settings, runtimeObserver,
						PROXY_NAME, proxyVersion())
				: new ActorRuntime(host, store, registeredSystems.gate(scheduler), clock, settings, runtimeObserver,
						PROXY_NAME, proxyVersion(), member.placement(), member.peers());
		runtime.connectSystems(otherSystems);
		return runtime;
	}

	/**
	 * The other actor systems this proxy calls into ({@code spawn.proxy.cluster.systems}), over their members' peer
	 * ports, with the cluster's mutual TLS when it has one.
	 */
	@Bean
	RemoteSystems spawnOtherSystems(SpawnProxyProperties properties, Environment environment,
			ObjectProvider<ClusterMember> cluster) {
		Map<String, List<String>> systems = new LinkedHashMap<>();
		properties.getCluster().getSystems().forEach((name, other) -> systems.put(name, other.getPeers()));
		ClusterMember member = cluster.getIfAvailable();
		try {
			return GrpcRemoteSystems.connect(StatePersistenceConfiguration.nodeId(properties, environment), systems,
					(member != null) ? member.tls() : null);
		}
		catch (ClusterConfigurationException ex) {
			throw new InvalidProxyConfigurationException("spawn.proxy.cluster.systems: " + ex.getMessage(),
					ex.action());
		}
	}

	/** Failed invocations at WARN, rate-limited, so that they show at the default log level. */
	@Bean
	FailedInvocationLogger failedInvocationLogger() {
		return new FailedInvocationLogger();
	}

	@Bean
	RuntimeLifecycle runtimeLifecycle(ActorRuntime runtime, SpawnProxyProperties properties,
			ObjectProvider<ClusterMember> cluster) {
		return new RuntimeLifecycle(runtime, positive(properties.getShutdown().getTimeout(),
				"spawn.proxy.shutdown.timeout"), cluster.getIfAvailable());
	}

	@Bean
	RuntimeHealthIndicator spawnRuntimeHealthIndicator(ActorRuntime runtime) {
		return new RuntimeHealthIndicator(runtime);
	}

	static String proxyVersion() {
		String version = SpawnProxyApplication.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "development";
	}

	private static Duration positive(Duration value, String key) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidProxyConfigurationException(key + " must be a positive duration, was " + value,
					"Set " + key + " to a positive duration such as 30s.");
		}
		return value;
	}

	private static int positive(int value, String key) {
		if (value <= 0) {
			throw new InvalidProxyConfigurationException(key + " must be positive, was " + value,
					"Set " + key + " to a positive number.");
		}
		return value;
	}

}
