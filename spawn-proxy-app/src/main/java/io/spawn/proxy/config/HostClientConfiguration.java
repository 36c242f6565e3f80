package io.spawn.proxy.config;

import io.spawn.internal.host.ActorHost;
import io.spawn.protocol.auth.BearerToken;
import io.spawn.proxy.host.HostEndpoint;
import io.spawn.proxy.host.HttpActorHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client of the user's application (the host), at {@code spawn.proxy.host.host}:{@code port}.
 */
@Configuration(proxyBeanMethods = false)
final class HostClientConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(ActorHost.class)
	HttpActorHost actorHost(SpawnProxyProperties properties, ObjectProvider<BearerToken> token) {
		SpawnProxyProperties.Host host = properties.getHost();
		HostEndpoint endpoint;
		try {
			endpoint = new HostEndpoint(host.getHost(), host.getPort());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.host.host / spawn.proxy.host.port do not name a host: " + ex.getMessage(),
					"Set spawn.proxy.host.host (USER_FUNCTION_HOST) to a host name or address and "
							+ "spawn.proxy.host.port (USER_FUNCTION_PORT) to a port between 1 and 65535.");
		}
		if (host.getMaxConnections() <= 0) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.host.max-connections must be positive, was " + host.getMaxConnections(),
					"Set spawn.proxy.host.max-connections to a positive number.");
		}
		if (host.getConnectTimeout().isNegative() || host.getConnectTimeout().isZero()) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.host.connect-timeout must be positive, was " + host.getConnectTimeout(),
					"Set spawn.proxy.host.connect-timeout to a positive duration such as 2s.");
		}
		BearerToken credentials = token.getIfAvailable();
		return new HttpActorHost(endpoint, host.getConnectTimeout(), host.getMaxConnections(),
				host.getMaxResponseSize().toBytes(), (credentials != null) ? credentials::header : () -> null);
	}

}
