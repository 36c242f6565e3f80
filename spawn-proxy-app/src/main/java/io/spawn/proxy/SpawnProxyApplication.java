package io.spawn.proxy;

import io.spawn.proxy.config.SpawnProxyProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Spawn sidecar proxy. Serves the Spawn v1 HTTP protocol on {@code spawn.proxy.http.port} (9001) and runs
 * actions in the user's application at {@code spawn.proxy.host.host}:{@code port} (localhost:8090).
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(SpawnProxyProperties.class)
public final class SpawnProxyApplication {

	public static void main(String[] args) {
		SpringApplication.run(SpawnProxyApplication.class, args);
	}

}
