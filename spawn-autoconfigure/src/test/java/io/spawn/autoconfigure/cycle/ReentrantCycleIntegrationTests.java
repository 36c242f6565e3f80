package io.spawn.autoconfigure.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.client.ActorRefs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An A -> B -> A cycle of synchronous calls fails fast as REENTRANT_CALL on every caller path (typed reference,
 * {@code @ActorClient}, a REST route into the cycle), because each path names the calling actor. Without the caller,
 * B's call back into A would wait for A until the call timeout and end as DEADLINE_EXCEEDED.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = ReentrantCycleIntegrationTests.App.class,
		properties = "spawn.embedded.runtime.call-timeout=10s")
class ReentrantCycleIntegrationTests {

	@Autowired
	ActorRefs<PingActor> pings;

	@Autowired
	CycleClients.Ping ping;

	@LocalServerPort
	int port;

	@Test
	void aCycleOfTypedReferencesFailsAsReentrant() {
		assertThat(this.pings.get().call(PingActor::viaRef).status()).isEqualTo("REENTRANT_CALL");
	}

	@Test
	void aCycleOfActorClientsFailsAsReentrant() {
		assertThat(this.pings.get().call(PingActor::viaClient).status()).isEqualTo("REENTRANT_CALL");
	}

	@Test
	void theSameActorsAnswerWhenThereIsNoCycle() {
		assertThat(this.ping.answer().status()).isEqualTo("ANSWERED");
		assertThat(this.pings.get().call(PingActor::answer).status()).isEqualTo("ANSWERED");
	}

	@Test
	void aRestRouteIntoACycleFailsAsReentrant() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String path : new String[] { "/cycle/ref", "/cycle/client" }) {
			HttpResponse<String> response = http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).isEqualTo("{\"status\":\"REENTRANT_CALL\"}");
		}
	}

	@SpringBootApplication
	static class App {

	}

}
