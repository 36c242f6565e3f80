package io.spawn.proxy.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.proxy.metrics.ActorCatalog;
import io.spawn.proxy.metrics.MicrometerRuntimeObserver;
import io.spawn.proxy.metrics.RuntimeMeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer metrics of the runtime, exported by actuator (Prometheus at {@code /actuator/prometheus}).
 */
@Configuration(proxyBeanMethods = false)
final class MetricsConfiguration {

	@Bean
	ActorCatalog actorCatalog() {
		return new ActorCatalog();
	}

	@Bean
	MicrometerRuntimeObserver runtimeObserver(MeterRegistry registry, ActorCatalog catalog) {
		return new MicrometerRuntimeObserver(registry, catalog);
	}

	@Bean
	RuntimeMeterBinder runtimeMeterBinder(ActorRuntime runtime) {
		return new RuntimeMeterBinder(runtime);
	}

}
