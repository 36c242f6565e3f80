package io.spawn.autoconfigure;

import io.spawn.internal.model.ActorDispatcher;
import io.spawn.internal.model.PayloadCodec;
import io.spawn.internal.sidecar.ProxyClient;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Sidecar mode: the runtime runs in a Spawn proxy beside the application. The application serves
 * {@code POST /api/v1/actors/actions} for the proxy, registers its actors with it, and sends calls to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spawn.mode", havingValue = "sidecar")
class SidecarModeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpawnProxyConnectionDetails spawnProxyConnectionDetails(SpawnProperties properties) {
		URI uri = properties.getSidecar().getProxyUrl();
		return () -> uri;
	}

	@Bean
	@ConditionalOnMissingBean
	ProxyClient spawnProxyClient(SpawnProxyConnectionDetails connection, SpawnProperties properties) {
		return new ProxyClient(connection.proxyUri(), properties.getSidecar().getConnectTimeout(),
				properties.getSidecar().getCallTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	SpawnSidecarLifecycle spawnSidecarLifecycle(ProxyClient client, SpawnActors actors, PayloadCodec codec,
			SpawnProperties properties, Environment environment, ApplicationEventPublisher events,
			org.springframework.beans.factory.ObjectProvider<io.micrometer.observation.ObservationRegistry> observations) {
		return new SpawnSidecarLifecycle(client, actors,
				() -> new ActorDispatcher(actors.models(), codec, System::currentTimeMillis,
						observations.getIfAvailable(() -> io.micrometer.observation.ObservationRegistry.NOOP)),
				properties,
				environment.getProperty("spring.application.name", "application"), events);
	}

}
