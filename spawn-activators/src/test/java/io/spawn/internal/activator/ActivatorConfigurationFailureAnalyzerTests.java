package io.spawn.internal.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * A wrong activator is reported as a failure analysis that names each key, found through {@code spring.factories}
 * as Spring Boot finds it at startup.
 */
class ActivatorConfigurationFailureAnalyzerTests {

	@Test
	void explainsAWrongActivatorWithItsKeys() {
		Throwable failure = catchThrowable(() -> ActivatorDefinitions
			.of(ActivatorTesting.bind(java.util.Map.of("spawn.activators.orders.source", "kafka")).getActivators()));
		// Analyzers that need a bean factory cannot be made here; they are logged and left out.
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, FailureHandler.logging(LogFactory.getLog(getClass())));

		FailureAnalysis analysis = analyzers.stream()
			.filter(ActivatorConfigurationFailureAnalyzer.class::isInstance)
			.findFirst()
			.orElseThrow()
			.analyze(new IllegalStateException("context failed", failure));

		assertThat(analysis.getDescription()).contains("spawn.activators.orders.kafka.topic is required")
			.contains("spawn.activators.orders.system is required");
		assertThat(analysis.getAction()).contains("spawn.activators.*");
	}

}
