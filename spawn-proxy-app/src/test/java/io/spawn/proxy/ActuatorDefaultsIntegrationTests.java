package io.spawn.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Actuator of a proxy with its defaults and no token: the probes and Prometheus answer, with the status alone; health
 * details, components, metrics, info and the cluster endpoint are not served to anyone.
 */
class ActuatorDefaultsIntegrationTests extends ProxyIntegrationTestSupport {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void theProbesAnswerTheirStatusOnly() {
		for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
		}
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
	}

	@Test
	void prometheusIsScrapedWithoutCredentials() {
		HttpResponse<String> response = get("/actuator/prometheus");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_threads_live_threads");
	}

	@Test
	void healthComponentsMetricsInfoAndTheClusterEndpointAreNotServed() {
		for (String path : new String[] { "/actuator/health/db", "/actuator/health/spawnRuntime", "/actuator/metrics",
				"/actuator/metrics/spawn.invocations", "/actuator/info", "/actuator/cluster", "/actuator/env",
				"/actuator/beans" }) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).doesNotContain("database").doesNotContain("Exception");
		}
		assertThat(get("/actuator").body()).contains("/actuator/health")
			.doesNotContain("/actuator/metrics")
			.doesNotContain("/actuator/cluster");
	}

	private HttpResponse<String> get(String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
