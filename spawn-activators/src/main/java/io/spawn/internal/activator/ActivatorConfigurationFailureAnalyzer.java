package io.spawn.internal.activator;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup stopped by a wrong activator: each problem with its key, and where the keys are described.
 */
final class ActivatorConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ActivatorConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ActivatorConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct the spawn.activators.* keys named above (docs/activators.md and docs/configuration.md "
						+ "describe each), or remove the activator.",
				cause);
	}

}
