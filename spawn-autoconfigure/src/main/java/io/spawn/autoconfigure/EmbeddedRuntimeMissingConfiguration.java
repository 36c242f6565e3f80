package io.spawn.autoconfigure;

import io.spawn.internal.model.ActorInvoker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Embedded mode without the embedded runtime on the class path: {@link EmbeddedModeConfiguration} backs off, and
 * the invoker calls would need fails the startup with {@link EmbeddedRuntimeMissingException}, which says what to
 * do, instead of an unexplained missing bean.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingClass("io.spawn.internal.runtime.ActorRuntime")
@ConditionalOnProperty(name = "spawn.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedRuntimeMissingConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActorInvoker spawnActorInvoker() {
		throw new EmbeddedRuntimeMissingException();
	}

}
