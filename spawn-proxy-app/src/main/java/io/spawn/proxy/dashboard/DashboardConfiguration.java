package io.spawn.proxy.dashboard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The dashboard's page, served with {@code spawn.proxy.dashboard.enabled=true}. The page holds no data: it reads
 * the operations endpoints, which keep their own exposure and access rules.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "spawn.proxy.dashboard.enabled")
class DashboardConfiguration {

	@Bean
	DashboardController dashboardController(Environment environment) {
		return new DashboardController(environment.getProperty("management.endpoints.web.base-path", "/actuator"));
	}

}
