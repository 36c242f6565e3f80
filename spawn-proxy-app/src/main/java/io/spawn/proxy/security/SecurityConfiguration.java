package io.spawn.proxy.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.spawn.protocol.auth.BearerToken;
import io.spawn.proxy.config.InvalidProxyConfigurationException;
import io.spawn.proxy.config.SpawnProxyProperties;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The bearer token of {@code spawn.proxy.security.token} or {@code token-file}, required on the web port (but
 * actuator) and the contract gRPC port, and sent on the proxy's calls to the host. Without either key nothing is
 * required, as with upstream Spawn.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TokenConfiguredCondition.class)
class SecurityConfiguration {

	@Bean
	BearerToken proxyBearerToken(SpawnProxyProperties properties) {
		return token(properties.getSecurity());
	}

	@Bean
	RejectedRequests rejectedRequests(MeterRegistry registry) {
		return new RejectedRequests(registry);
	}

	@Bean
	FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(BearerToken token, RejectedRequests rejected,
			Environment environment) {
		String actuator = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
				new BearerTokenFilter(token, rejected, actuator));
		// Before anything reads the body or routes the request.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	BearerTokenInterceptor bearerTokenInterceptor(BearerToken token, RejectedRequests rejected) {
		return new BearerTokenInterceptor(token, rejected);
	}

	static BearerToken token(SpawnProxyProperties.Security security) {
		@Nullable String value = security.getToken();
		@Nullable Path file = security.getTokenFile();
		if (value != null && !value.isEmpty() && file != null) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.security.token and spawn.proxy.security.token-file are both set",
					"Set only one of them: the token itself, or the file (such as a mounted Secret) that holds it.");
		}
		try {
			return (file != null) ? BearerToken.fromFile(file) : BearerToken.of(String.valueOf(value));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidProxyConfigurationException("spawn.proxy.security."
					+ ((file != null) ? "token-file" : "token") + " holds no usable token: " + ex.getMessage(),
					"Set spawn.proxy.security.token (SPAWN_PROXY_SECURITY_TOKEN) to a non-blank secret, or "
							+ "spawn.proxy.security.token-file to a readable file holding one.");
		}
	}

}
