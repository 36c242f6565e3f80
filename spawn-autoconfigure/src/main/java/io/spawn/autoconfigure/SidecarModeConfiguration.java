package io.spawn.autoconfigure;

import io.spawn.internal.model.ActorDispatcher;
import io.spawn.internal.model.PayloadCodec;
import io.spawn.internal.sidecar.ProxyClient;
import io.spawn.protocol.auth.BearerToken;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

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

	/** The token of spawn.sidecar.token or token-file, when one of them is set. */
	@Bean
	@ConditionalOnMissingBean
	@Conditional(SidecarTokenConfigured.class)
	BearerToken spawnSidecarToken(SpawnProperties properties) {
		SpawnSidecarProperties sidecar = properties.getSidecar();
		String value = sidecar.getToken();
		Path file = sidecar.getTokenFile();
		if (StringUtils.hasText(value) && file != null) {
			throw new IllegalStateException("spawn.sidecar.token and spawn.sidecar.token-file are both set: set only "
					+ "one of them, the token itself or the file (such as a mounted Secret) that holds it");
		}
		try {
			return (file != null) ? BearerToken.fromFile(file) : BearerToken.of(String.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("spawn.sidecar." + ((file != null) ? "token-file" : "token")
					+ " holds no usable token: " + ex.getMessage(), ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	ProxyClient spawnProxyClient(SpawnProxyConnectionDetails connection, SpawnProperties properties,
			ObjectProvider<BearerToken> token) {
		return new ProxyClient(connection.proxyUri(), properties.getSidecar().getConnectTimeout(),
				properties.getSidecar().getCallTimeout(), token.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	SpawnSidecarLifecycle spawnSidecarLifecycle(ProxyClient client, SpawnActors actors, PayloadCodec codec,
			SpawnProperties properties, Environment environment, ApplicationEventPublisher events,
			ObjectProvider<io.micrometer.observation.ObservationRegistry> observations,
			ObjectProvider<BearerToken> token) {
		return new SpawnSidecarLifecycle(client, actors,
				() -> new ActorDispatcher(actors.models(), codec, System::currentTimeMillis,
						observations.getIfAvailable(() -> io.micrometer.observation.ObservationRegistry.NOOP)),
				properties,
				environment.getProperty("spring.application.name", "application"), events, token.getIfAvailable());
	}

	/** Whether spawn.sidecar.token or token-file is set to something; an empty value counts as unset. */
	static final class SidecarTokenConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty("spawn.sidecar.token"))
					|| StringUtils.hasText(context.getEnvironment().getProperty("spawn.sidecar.token-file"));
		}

	}

}
