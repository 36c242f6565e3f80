package io.spawn.proxy.http;

import io.spawn.proxy.config.SpawnProxyProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The web port's body limit, enforced by Tomcat before a request reaches a filter or a route
 * ({@link OversizeBodyValve}).
 */
@Configuration(proxyBeanMethods = false)
class HttpLimitsConfiguration {

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> oversizeBodyValve(SpawnProxyProperties properties) {
		long maxBytes = properties.getHttp().getMaxRequestSize().toBytes();
		return (factory) -> factory.addEngineValves(new OversizeBodyValve(maxBytes));
	}

}
