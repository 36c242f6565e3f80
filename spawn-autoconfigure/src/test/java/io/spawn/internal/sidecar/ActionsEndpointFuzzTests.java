package io.spawn.internal.sidecar;

import io.spawn.autoconfigure.sample.CounterActor.Add;
import io.spawn.autoconfigure.sample.CounterActor.Counter;
import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.internal.model.ActorDispatcher;
import io.spawn.internal.model.ActorModels;
import io.spawn.internal.model.PayloadCodec;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.auth.BearerToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounded fuzzing of the host endpoint, the parser of what the proxy (or anything that reaches the port) sends:
 * random bytes and mutations of a valid invocation. Each answer is a clear status (200, 400, 413 or the action's
 * 500) within the client's timeout, with no stack trace in its body, and the endpoint keeps serving.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
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

	@BeforeAll
	static void start() throws IOException {
		ActorDispatcher dispatcher = new ActorDispatcher(
				ActorModels.of(List.of(new ActorModels.ActorBean("counter", CounterActor.class, CounterActor::new)),
						Map.of(), codec),
				codec, () -> 0L);
		endpoint = new ActionsEndpoint("127.0.0.1", 0, () -> dispatcher, LIMIT, BearerToken.of("fuzz"));
		endpoint.start();
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	@AfterAll
	static void stop() {
		endpoint.close();
		http.close();
	}

	/** Fixed seed: a failure is reproduced by running the test again. */
	private final Random random = new Random(0x5ba3L);

	@Test
	void randomBytesGetAClearAnswer() throws Exception {
		for (int i = 0; i < 3000; i++) {
			byte[] body = new byte[this.random.nextInt(LIMIT + 64)];
			this.random.nextBytes(body);
			assertClearAnswer(post(body));
		}
	}

	@Test
	void mutatedInvocationsGetAClearAnswer() throws Exception {
		for (int i = 0; i < 3000; i++) {
			assertClearAnswer(post(mutated()));
		}
	}

	@Test
	void theEndpointStillServesAValidInvocation() throws Exception {
		HttpResponse<byte[]> response = post(VALID);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ActorInvocationResponse.parseFrom(response.body()).hasValue()).isTrue();
	}

	/** A valid invocation with some bytes changed, cut short, or with bytes added. */
	private byte[] mutated() {
		switch (this.random.nextInt(3)) {
			case 0 -> {
				byte[] copy = VALID.clone();
				for (int n = 1 + this.random.nextInt(8); n > 0; n--) {
					copy[this.random.nextInt(copy.length)] = (byte) this.random.nextInt(256);
				}
				return copy;
			}
			case 1 -> {
				return java.util.Arrays.copyOf(VALID, this.random.nextInt(VALID.length));
			}
			default -> {
				byte[] tail = new byte[this.random.nextInt(65)];
				this.random.nextBytes(tail);
				byte[] copy = java.util.Arrays.copyOf(VALID, VALID.length + tail.length);
				System.arraycopy(tail, 0, copy, VALID.length, tail.length);
				return copy;
			}
		}
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
