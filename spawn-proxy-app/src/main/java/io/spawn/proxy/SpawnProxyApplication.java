package io.spawn.proxy;

import io.spawn.proxy.config.SpawnProxyProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Spawn sidecar proxy. Serves the Spawn v1 HTTP protocol on {@code spawn.proxy.http.port} (9001) and runs
 * actions in the user's application at {@code spawn.proxy.host.host}:{@code port} (localhost:8090).
 *
 * <p>
 * The proxy is not a Spawn application itself: should the starter's auto-configuration be on its classpath (a
 * test, an embedding), it is excluded, so that it never wires a second runtime onto the proxy's beans.
 */
@SpringBootApplication(proxyBeanMethods = false, excludeName = SpawnProxyApplication.STARTER_AUTO_CONFIGURATION)
@EnableConfigurationProperties(SpawnProxyProperties.class)
public final class SpawnProxyApplication {

	/** The starter's auto-configuration, named so that the proxy does not depend on the starter. */
	static final String STARTER_AUTO_CONFIGURATION = "io.spawn.autoconfigure.SpawnAutoConfiguration";

	public static void main(String[] args) {
		SpringApplication.run(SpawnProxyApplication.class, args);
	}

}
