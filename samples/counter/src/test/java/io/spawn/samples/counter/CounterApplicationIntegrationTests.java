package io.spawn.samples.counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:counter-sample-test;DB_CLOSE_DELAY=-1")
class CounterApplicationIntegrationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void incrementsAndReadsACounterOverHttp() throws Exception {
		String id = "c-" + UUID.randomUUID();
		assertThat(send("POST", "/counters/" + id + "/increment?by=5").body()).contains("\"value\":5");
		assertThat(send("POST", "/counters/" + id + "/increment?by=1").body()).contains("\"value\":6");
		HttpResponse<String> read = send("GET", "/counters/" + id);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("\"id\":\"" + id + "\"").contains("\"value\":6");
	}

	@Test
	void rejectsANonPositiveIncrementWithAProblemDetail() throws Exception {
		HttpResponse<String> response = send("POST", "/counters/x/increment?by=0");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).contains("increment must be positive").contains("invalid-increment");
		assertThat(send("GET", "/counters/x").body()).contains("\"value\":0");
	}

	@Test
	void actuatorShowsTheSpawnHealthIndicatorAndTheActionMetrics() throws Exception {
		send("POST", "/counters/m-" + UUID.randomUUID() + "/increment?by=1");

		HttpResponse<String> health = send("GET", "/actuator/health");
		HttpResponse<String> metrics = send("GET", "/actuator/metrics/spawn.action");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"spawn\":{\"status\":\"UP\"");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("\"name\":\"spawn.action\"").contains("increment");
	}

	@Test
	void typedReferencesFromAControllerSeeTheSameCounters() throws Exception {
		String id = "t-" + UUID.randomUUID();
		send("POST", "/counters/" + id + "/increment?by=2");
		assertThat(send("POST", "/typed/counters/" + id + "/increment?by=3").body()).contains("\"value\":5");
		assertThat(send("GET", "/typed/counters/" + id).body()).contains("\"value\":5");
		HttpResponse<String> refused = send("POST", "/typed/counters/" + id + "/increment?by=-1");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid-increment");
	}

}
