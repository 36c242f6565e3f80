package io.spawn.proxy.config;

import io.spawn.internal.cluster.ClusterConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a member that cannot join its cluster (peer port in use, node id taken) as a description and an action.
 */
final class ClusterConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ClusterConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ClusterConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
