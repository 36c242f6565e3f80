package io.spawn.internal.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.autoconfigure.sample.CounterActor.Add;
import io.spawn.autoconfigure.sample.CounterActor.Counter;
import io.spawn.internal.model.ActorDispatcher;
import io.spawn.internal.model.ActorModels;
import io.spawn.internal.model.PayloadCodec;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.actors.ActorId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounded fuzzing of the host endpoint, the parser of what the proxy (or anything that reaches the port) sends:
 * random bytes and mutations of a valid invocation. Each answer is a clear status (200, 400, 413 or the action's
 * 500) within the client's timeout, with no stack trace in its body, and the endpoint keeps serving.
 */
class ActionsEndpointFuzzTests {

	private static final int LIMIT = 16 * 1024;

	private static final PayloadCodec codec = new PayloadCodec(JsonMapper.builder().build());

	private static final byte[] VALID = ActorInvocation.newBuilder()
		.setActor(ActorId.newBuilder().setSystem("s").setName("counter"))
		.setActionName("add")
		.setCurrentContext(Context.newBuilder().setState(codec.encode(new Counter(5, 1))))
		.setValue(codec.encode(new Add(3)))
		.build()
		.toByteArray();

	private static ActionsEndpoint endpoint;

	private static HttpClient http;

	@BeforeContainer
	static void start() throws IOException {
		ActorDispatcher dispatcher = new ActorDispatcher(
				ActorModels.of(List.of(new ActorModels.ActorBean("counter", CounterActor.class, CounterActor::new)),
						Map.of(), codec),
				codec, () -> 0L);
		endpoint = new ActionsEndpoint("127.0.0.1", 0, () -> dispatcher, LIMIT, SidecarToken.of("fuzz"));
		endpoint.start();
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	@AfterContainer
	static void stop() {
		endpoint.close();
		http.close();
	}

	@Property(tries = 3000)
	void randomBytesGetAClearAnswer(@ForAll("randomBodies") byte[] body) throws Exception {
		assertClearAnswer(post(body));
	}

	@Property(tries = 3000)
	void mutatedInvocationsGetAClearAnswer(@ForAll("mutatedInvocations") byte[] body) throws Exception {
		assertClearAnswer(post(body));
	}

	@Property(tries = 1)
	void theEndpointStillServesAValidInvocation() throws Exception {
		HttpResponse<byte[]> response = post(VALID);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ActorInvocationResponse.parseFrom(response.body()).hasValue()).isTrue();
	}

	@Provide
	Arbitrary<byte[]> randomBodies() {
		return Arbitraries.bytes().array(byte[].class).ofMaxSize(LIMIT + 64);
	}

	/** A valid invocation with some bytes changed, cut short, or with bytes added. */
	@Provide
	Arbitrary<byte[]> mutatedInvocations() {
		Arbitrary<byte[]> flipped = Arbitraries.integers()
			.between(0, VALID.length - 1)
			.list()
			.ofMinSize(1)
			.ofMaxSize(8)
			.flatMap((positions) -> Arbitraries.bytes().list().ofSize(positions.size()).map((values) -> {
				byte[] copy = VALID.clone();
				for (int i = 0; i < positions.size(); i++) {
					copy[positions.get(i)] = values.get(i);
				}
				return copy;
			}));
		Arbitrary<byte[]> truncated = Arbitraries.integers()
			.between(0, VALID.length - 1)
			.map((length) -> java.util.Arrays.copyOf(VALID, length));
		Arbitrary<byte[]> extended = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map((tail) -> {
			byte[] copy = java.util.Arrays.copyOf(VALID, VALID.length + tail.length);
			System.arraycopy(tail, 0, copy, VALID.length, tail.length);
			return copy;
		});
		return Arbitraries.oneOf(flipped, truncated, extended);
	}

	private static HttpResponse<byte[]> post(byte[] body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + ActionsEndpoint.PATH))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/octet-stream")
			.header("Authorization", "Bearer fuzz")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	static void assertClearAnswer(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).isIn(200, 400, 413, 500);
		if (response.statusCode() != 200) {
			String text = new String(response.body(), StandardCharsets.UTF_8);
			assertThat(text).doesNotContain("\tat ").doesNotContainPattern("\\bat [a-z]+\\.[a-zA-Z.$]+\\(");
		}
	}

}
