package io.spawn.proxy.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidProxyConfigurationException} at startup as a short description and an action instead
 * of a stack trace.
 */
final class InvalidProxyConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidProxyConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidProxyConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
