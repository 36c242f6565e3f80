package io.spawn.proxy.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Reads the environment variables of upstream Spawn proxies as aliases of {@code spawn.proxy.*} keys, so that a
 * deployment written for upstream Spawn configures this proxy unchanged. The aliases have the lowest precedence:
 * an explicit {@code spawn.proxy.*} setting from any source wins over them.
 */
public final class UpstreamEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the mapped aliases. */
	public static final String PROPERTY_SOURCE_NAME = "spawnUpstreamEnvironmentAliases";

	/** Upstream variable name to the key it sets. */
	static final Map<String, String> ALIASES;

	static {
		Map<String, String> aliases = new LinkedHashMap<>();
		aliases.put("PROXY_ACTOR_SYSTEM_NAME", "spawn.proxy.actor-system");
		aliases.put("PROXY_HTTP_PORT", "spawn.proxy.http.port");
		aliases.put("USER_FUNCTION_HOST", "spawn.proxy.host.host");
		aliases.put("USER_FUNCTION_PORT", "spawn.proxy.host.port");
		aliases.put("PROXY_DATABASE_TYPE", "spawn.proxy.database.type");
		aliases.put("PROXY_DATABASE_HOST", "spawn.proxy.database.host");
		aliases.put("PROXY_DATABASE_PORT", "spawn.proxy.database.port");
		aliases.put("PROXY_DATABASE_NAME", "spawn.proxy.database.name");
		aliases.put("PROXY_DATABASE_USERNAME", "spawn.proxy.database.username");
		aliases.put("PROXY_DATABASE_SECRET", "spawn.proxy.database.secret");
		aliases.put("SPAWN_STATESTORE_KEY", "spawn.proxy.state.encryption.key");
		ALIASES = Map.copyOf(aliases);
	}

	/** After config data, so that the aliases can go last, behind every other source. */
	private static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 10;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> mapped = new LinkedHashMap<>();
		ALIASES.forEach((variable, key) -> {
			String value = environment.getProperty(variable);
			if (StringUtils.hasText(value)) {
				mapped.put(key, value.strip());
			}
		});
		if (!mapped.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, mapped));
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
