package io.spawn.internal.sidecar;

import io.spawn.autoconfigure.sample.CounterActor.Add;
import io.spawn.autoconfigure.sample.CounterActor.Counter;
import io.spawn.autoconfigure.sample.CounterActor.Total;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host endpoint on port 0 with a real actor behind it: with a token it refuses every call without it before
 * reading the body and runs nothing; an invocation over the size limit is refused from its Content-Length.
 */
class ActionsEndpointTests {

	private static final int LIMIT = 64 * 1024;

	private final PayloadCodec codec = new PayloadCodec(JsonMapper.builder().build());

	private final ActorDispatcher dispatcher = new ActorDispatcher(
			ActorModels.of(List.of(new ActorModels.ActorBean("counter", CounterActor.class, CounterActor::new)),
					Map.of(), this.codec),
			this.codec, () -> 0L);

	/** How many invocations reached the dispatcher. */
	private final AtomicInteger dispatched = new AtomicInteger();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	private @Nullable ActionsEndpoint endpoint;

	@AfterEach
	void close() {
		if (this.endpoint != null) {
			this.endpoint.close();
		}
	}

	@Test
	void withoutATokenConfiguredEveryCallRuns() throws Exception {
		start(null);

		HttpResponse<byte[]> response = post(null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(total(response)).isEqualTo(new Total(8));
	}

	@Test
	void aCallWithoutTheTokenIsA401AndRunsNothing() throws Exception {
		start(BearerToken.of("host-secret"));

		HttpResponse<byte[]> response = post(null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Bearer"));
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("spawn.sidecar.token");
		assertThat(this.dispatched).hasValue(0);
	}

	@Test
	void aWrongTokenIsA401AndRunsNothing() throws Exception {
		start(BearerToken.of("host-secret"));

		HttpResponse<byte[]> response = post("Bearer not-the-secret");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("host-secret");
		assertThat(this.dispatched).hasValue(0);
	}

	@Test
	void theRightTokenRunsTheAction() throws Exception {
		start(BearerToken.of("host-secret"));

		HttpResponse<byte[]> response = post("Bearer host-secret");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(total(response)).isEqualTo(new Total(8));
		assertThat(this.dispatched).hasValue(1);
	}

	@Test
	void aRotatedTokenFileIsAcceptedAndTheOldTokenRefused() throws Exception {
		Path file = Files.writeString(this.dir.resolve("token"), "before\n");
		start(BearerToken.fromFile(file));
		assertThat(post("Bearer before").statusCode()).isEqualTo(200);

		Path next = Files.writeString(this.dir.resolve("next"), "after\n");
		Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

		assertThat(post("Bearer after").statusCode()).isEqualTo(200);
		assertThat(post("Bearer before").statusCode()).isEqualTo(401);
	}

	@Test
	void aDeclaredLengthOverTheLimitIsA413AnsweredBeforeTheBodyIsSent() throws Exception {
		start(null);
		String head = "POST " + ActionsEndpoint.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/octet-stream\r\nContent-Length: " + (5 * 1024 * 1024) + "\r\n\r\n";

		// Only the head and 16 bytes of a 5 MB body: the answer must come without the endpoint waiting for more.
		String answer = rawExchange(head, new byte[16]);

		assertThat(answer).startsWith("HTTP/1.1 413");
		assertThat(answer).contains("larger than " + LIMIT + " bytes");
		assertThat(this.dispatched).hasValue(0);
	}

	@Test
	void aDeclaredLengthOverTheLimitWithoutTheTokenIsA401() throws Exception {
		start(BearerToken.of("host-secret"));
		String head = "POST " + ActionsEndpoint.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/octet-stream\r\nContent-Length: " + (5 * 1024 * 1024) + "\r\n\r\n";

		assertThat(rawExchange(head, new byte[16])).startsWith("HTTP/1.1 401");
	}

	@Test
	void aContentLengthThatIsNotANumberIsA400() throws Exception {
		start(null);
		String head = "POST " + ActionsEndpoint.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/octet-stream\r\nContent-Length: -5\r\n\r\n";

		assertThat(rawExchange(head, new byte[0])).startsWith("HTTP/1.1 400");
	}

	private void start(@Nullable BearerToken token) throws IOException {
		ActionsEndpoint started = new ActionsEndpoint("127.0.0.1", 0, () -> {
			this.dispatched.incrementAndGet();
			return this.dispatcher;
		}, LIMIT, token);
		started.start();
		this.endpoint = started;
	}

	private HttpResponse<byte[]> post(@Nullable String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri())
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(invocation().toByteArray()));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private String rawExchange(String head, byte[] body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			StringBuilder answer = new StringBuilder();
			int read;
			// Until the answer's body (text) has arrived; the socket times out rather than hang.
			while ((read = in.read(buffer)) > 0) {
				answer.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
				int headEnd = answer.indexOf("\r\n\r\n");
				if (headEnd >= 0 && answer.length() >= headEnd + 4 + contentLength(answer.substring(0, headEnd))) {
					break;
				}
			}
			return answer.toString();
		}
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
				return Integer.parseInt(line.substring("content-length:".length()).strip());
			}
		}
		return 0;
	}

	private Total total(HttpResponse<byte[]> response) throws Exception {
		return (Total) this.codec.decode(ActorInvocationResponse.parseFrom(response.body()).getValue(), Total.class);
	}

	private ActorInvocation invocation() {
		return ActorInvocation.newBuilder()
			.setActor(ActorId.newBuilder().setSystem("s").setName("counter"))
			.setActionName("add")
			.setCurrentContext(Context.newBuilder().setState(this.codec.encode(new Counter(5, 1))))
			.setValue(this.codec.encode(new Add(3)))
			.build();
	}

	private URI uri() {
		return URI.create("http://127.0.0.1:" + port() + ActionsEndpoint.PATH);
	}

	private int port() {
		ActionsEndpoint started = this.endpoint;
		assertThat(started).isNotNull();
		return started.port();
	}

}
