package io.spawn.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup in embedded mode without the embedded runtime: add it, or run beside a sidecar proxy.
 */
final class EmbeddedRuntimeMissingFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedRuntimeMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedRuntimeMissingException cause) {
		return new FailureAnalysis(cause.getMessage() + ", so there is nothing to run the application's actors.",
				"Either add spawn-proxy-core or set spawn.mode=sidecar: depend on io.spawn:spawn-spring-boot-starter "
						+ "(which brings io.spawn:spawn-proxy-core), or add io.spawn:spawn-proxy-core itself, to run "
						+ "actors in this application; or set spawn.mode=sidecar and spawn.sidecar.proxy-url to run "
						+ "them in a Spawn proxy beside it.",
				cause);
	}

}
