package io.spawn.proxy.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether {@code spawn.proxy.security.token} or {@code token-file} is set to something: an empty value (an
 * environment variable a chart leaves empty) counts as unset.
 */
final class TokenConfiguredCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return StringUtils.hasText(context.getEnvironment().getProperty("spawn.proxy.security.token"))
				|| StringUtils.hasText(context.getEnvironment().getProperty("spawn.proxy.security.token-file"));
	}

}
