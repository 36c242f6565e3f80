package io.spawn.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Startup failures caused by configuration are reported as a description and an action.
 */
class InvalidProxyConfigurationFailureAnalyzerTests {

	@Test
	void reportsTheMessageAndTheAction() {
		InvalidProxyConfigurationException cause = new InvalidProxyConfigurationException("key x is wrong",
				"Set key x.");

		FailureAnalysis analysis = new InvalidProxyConfigurationFailureAnalyzer()
			.analyze(new BeanCreationException("dataSource", "failed", cause));

		assertThat(analysis.getDescription()).isEqualTo("key x is wrong");
		assertThat(analysis.getAction()).isEqualTo("Set key x.");
	}

}
