package io.spawn.autoconfigure.cluster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with the runtime embedded, started as a child JVM by {@link EmbeddedClusterIntegrationTests}:
 * several of its instances form one cluster through {@code spawn.embedded.cluster.*}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class EmbeddedClusterApp {

	public static void main(String[] args) {
		SpringApplication.run(EmbeddedClusterApp.class, args);
	}

}
