package io.spawn.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.autoconfigure.sample.AuditActor;
import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.autoconfigure.sample.GreeterActor;
import io.spawn.autoconfigure.sample.TransferActor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = RestRoutesIntegrationTests.App.class,
		properties = { "spawn.rest.routes[0].method=POST", "spawn.rest.routes[0].path=/counters/{id}/add",
				"spawn.rest.routes[0].actor=counter", "spawn.rest.routes[0].action=add",
				"spawn.rest.routes[1].method=GET", "spawn.rest.routes[1].path=/counters/{id}",
				"spawn.rest.routes[1].actor=counter", "spawn.rest.routes[1].action=total",
				"spawn.rest.routes[2].method=PUT", "spawn.rest.routes[2].path=/counters/{account}/withdrawal",
				"spawn.rest.routes[2].actor=counter", "spawn.rest.routes[2].action=withdraw",
				"spawn.rest.routes[2].id-variable=account", "spawn.rest.routes[3].method=DELETE",
				"spawn.rest.routes[3].path=/counters/{id}/bomb", "spawn.rest.routes[3].actor=counter",
				"spawn.rest.routes[3].action=explode", "spawn.rest.routes[4].method=GET",
				"spawn.rest.routes[4].path=/audit", "spawn.rest.routes[4].actor=audit",
				"spawn.rest.routes[4].action=entries", "spawn.rest.max-request-size=1KB" })
class RestRoutesIntegrationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void postWithAJsonBodyCallsTheAction() throws Exception {
		HttpResponse<String> response = send("POST", "/counters/r1/add", "{\"by\":5}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((t) -> assertThat(t).contains("json"));
		assertThat(response.body()).isEqualTo("{\"value\":5}");
		assertThat(send("GET", "/counters/r1", null).body()).isEqualTo("{\"value\":5}");
	}

	@Test
	void aBodyOverTheLimitIsA413AndRunsNothing() throws Exception {
		HttpResponse<String> refused = send("POST", "/counters/big/add", "{\"by\":1,\"pad\":\"" + "x".repeat(2048) + "\"}");

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("spawn.rest.max-request-size");
		assertThat(send("GET", "/counters/big", null).body()).isEqualTo("{\"value\":0}");
	}

	@Test
	void aDeclaredLengthOverTheLimitIsA413AnsweredBeforeTheBodyIsSent() throws Exception {
		String head = "POST /counters/big2/add HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + (5 * 1024 * 1024) + "\r\n\r\n";
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			socket.getOutputStream().write("{\"by\":1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			// Only the head and a few bytes of a 5 MB body were sent: the answer must come without waiting for more.
			byte[] answer = new byte[12];
			int read = socket.getInputStream().readNBytes(answer, 0, answer.length);
			assertThat(new String(answer, 0, read, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
		}
	}

	@Test
	void queryVariablesFillTheCommand() throws Exception {
		assertThat(send("POST", "/counters/r2/add?by=7", null).body()).isEqualTo("{\"value\":7}");
	}

	@Test
	void namedIdVariablePicksTheInstanceAndCodedErrorsAreUnprocessable() throws Exception {
		send("POST", "/counters/r3/add", "{\"by\":2}");
		HttpResponse<String> refused = send("PUT", "/counters/r3/withdrawal", "{\"by\":9}");
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"code\":\"insufficient-funds\"").contains("cannot take 9 from 2")
			.contains("\"actor\":\"counter\"");
		assertThat(send("PUT", "/counters/r3/withdrawal", "{\"by\":2}").body()).isEqualTo("{\"value\":0}");
	}

	@Test
	void actionThatThrowsIsAServerErrorProblem() throws Exception {
		HttpResponse<String> response = send("DELETE", "/counters/r4/bomb?by=1", null);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("boom 1");
	}

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		HttpResponse<String> response = send("POST", "/counters/r5/add", "{\"by\":");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("not valid JSON");
		assertThat(send("POST", "/counters/r5/add", "{\"by\":\"lots\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void restAnnotationExposesAnActionWithPathAndQueryBinding() throws Exception {
		HttpResponse<String> response = send("GET", "/greeters/g1/greet?name=Ada&times=2", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"text\":\"hello Ada from g1; hello Ada from g1;\"}");
	}

	@Test
	void namedActorRouteNeedsNoId() throws Exception {
		assertThat(send("GET", "/audit", null).body()).isEqualTo("{\"totals\":[]}");
	}

	@Test
	void openApiDocumentListsEveryRouteWithItsSchemas() throws Exception {
		HttpResponse<String> response = send("GET", "/v3/api-docs", null);
		assertThat(response.statusCode()).isEqualTo(200);
		String document = response.body();
		for (String path : new String[] { "\"/counters/{id}/add\"", "\"/counters/{id}\"",
				"\"/counters/{account}/withdrawal\"", "\"/counters/{id}/bomb\"", "\"/audit\"",
				"\"/greeters/{id}/greet\"" }) {
			assertThat(document).contains(path);
		}
		assertThat(document).contains("\"counter_add_post\"").contains("\"Add\"").contains("\"Total\"")
			.contains("\"Greet\"").contains("\"by\"").contains("application/problem+json");
	}

	@Test
	void routeToAMissingActionFailsStartup() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
			.withUserConfiguration(CounterActor.class)
			.withPropertyValues("spawn.rest.routes[0].path=/x/{id}", "spawn.rest.routes[0].actor=counter",
					"spawn.rest.routes[0].action=nope")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining(
						"spawn.rest.routes[0]: actor 'counter' has no action 'nope'");
			});
	}

	@Test
	void unnamedRouteWithoutIdVariableFailsStartup() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SpawnAutoConfiguration.class))
			.withUserConfiguration(CounterActor.class)
			.withPropertyValues("spawn.rest.routes[0].path=/counters", "spawn.rest.routes[0].actor=counter",
					"spawn.rest.routes[0].action=add")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("needs a {id} variable to pick the instance"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ CounterActor.class, AuditActor.class, TransferActor.class, GreeterActor.class })
	static class App {

	}

}
