package io.spawn.proxy.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spawn.internal.host.HostException;
import io.spawn.internal.host.HostException.Reason;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.actors.ActorId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP host client against a real HTTP server on port 0: what it sends, and how each failure of the host
 * becomes a {@link HostException} with the right reason, in bounded time.
 */
class HttpActorHostTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private final CountDownLatch never = new CountDownLatch(1);

	private volatile Answer answer = (exchange, body) -> reply(exchange, 200,
			ActorInvocationResponse.newBuilder().setActorName("a").build().toByteArray());

	private final HttpServer server = startServer();

	private final HttpActorHost client = new HttpActorHost(new HostEndpoint("127.0.0.1", port()),
			Duration.ofSeconds(1), 8, 1024 * 1024);

	@AfterEach
	void close() {
		this.never.countDown();
		this.client.close();
		this.server.stop(0);
	}

	@Test
	void postsTheInvocationToTheActionsPathAndDecodesTheAnswer() {
		ActorInvocation invocation = invocation("greet");
		this.answer = (exchange, body) -> reply(exchange, 200, ActorInvocationResponse.newBuilder()
			.setActorName("a")
			.setValue(Any.pack(StringValue.of("hi")))
			.build()
			.toByteArray());

		ActorInvocationResponse response = this.client.invoke(invocation, TIMEOUT);

		assertThat(response.getValue()).isEqualTo(Any.pack(StringValue.of("hi")));
		assertThat(this.seen).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/api/v1/actors/actions");
			assertThat(request.contentType()).isEqualTo("application/octet-stream");
			assertThat(ActorInvocation.parseFrom(request.body())).isEqualTo(invocation);
		});
	}

	@Test
	void reusesKeepAliveConnections() {
		for (int i = 0; i < 5; i++) {
			this.client.invoke(invocation("greet"), TIMEOUT);
		}

		assertThat(this.seen.stream().map(Seen::remotePort).distinct()).hasSize(1);
	}

	@Test
	void forwardsAWellFormedTraceparentAsAHeaderAndNothingElse() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		this.client.invoke(invocation("greet", traceparent), TIMEOUT);
		this.client.invoke(invocation("greet", traceparent + "\r\nX-Injected: yes"), TIMEOUT);

		assertThat(this.seen.get(0).traceparent()).isEqualTo(traceparent);
		assertThat(this.seen.get(1).traceparent()).isNull();
		assertThat(this.seen.get(1).injected()).isNull();
	}

	@Test
	void aRefusedConnectionIsUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (HttpActorHost down = new HttpActorHost(new HostEndpoint("127.0.0.1", closedPort), Duration.ofSeconds(1),
				8, 1024)) {
			assertThatExceptionOfType(HostException.class).isThrownBy(() -> down.invoke(invocation("greet"), TIMEOUT))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE))
				.withMessageContaining("http://127.0.0.1:" + closedPort + "/api/v1/actors/actions");
		}
	}

	@Test
	void aHostThatClosesTheConnectionAfterTheRequestIsABadResponseNotUnavailable() throws Exception {
		try (RawHost host = new RawHost(RawHost::closeAfterRequest);
				HttpActorHost client = new HttpActorHost(new HostEndpoint("127.0.0.1", host.port()),
						Duration.ofSeconds(1), 1, 1024)) {
			assertThatExceptionOfType(HostException.class).isThrownBy(() -> client.invoke(invocation("pay"), TIMEOUT))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.BAD_RESPONSE))
				.withMessageContaining("closed the connection without answering")
				.withMessageContaining("the action may have run");
			assertThat(host.requests()).as("the host received the call").isEqualTo(1);
		}
	}

	@Test
	void aHostThatResetsTheConnectionAfterTheRequestIsABadResponseNotUnavailable() throws Exception {
		try (RawHost host = new RawHost(RawHost::resetAfterRequest);
				HttpActorHost client = new HttpActorHost(new HostEndpoint("127.0.0.1", host.port()),
						Duration.ofSeconds(1), 1, 1024)) {
			assertThatExceptionOfType(HostException.class).isThrownBy(() -> client.invoke(invocation("pay"), TIMEOUT))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.BAD_RESPONSE))
				.withMessageContaining("the action may have run");
			assertThat(host.requests()).isEqualTo(1);
		}
	}

	@Test
	void aHostThatDoesNotAnswerInTimeTimesOut() {
		this.answer = (exchange, body) -> {
			this.never.await(10, TimeUnit.SECONDS);
			reply(exchange, 200, new byte[0]);
		};
		long started = System.nanoTime();

		assertThatExceptionOfType(HostException.class)
			.isThrownBy(() -> this.client.invoke(invocation("greet"), Duration.ofMillis(300)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TIMEOUT))
			.withMessageContaining("300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void aHostTricklingItsAnswerIsCutOffAtTheDeadline() {
		this.answer = (exchange, body) -> {
			exchange.sendResponseHeaders(200, 1000);
			try (OutputStream out = exchange.getResponseBody()) {
				for (int i = 0; i < 1000; i++) {
					out.write(0x08);
					out.flush();
					// Each byte comes well within the socket timeout; only the overall deadline stops it.
					this.never.await(20, TimeUnit.MILLISECONDS);
				}
			}
		};
		long started = System.nanoTime();

		assertThatExceptionOfType(HostException.class)
			.isThrownBy(() -> this.client.invoke(invocation("greet"), Duration.ofMillis(400)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TIMEOUT));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void a500IsAFailedActionCarryingTheHostsMessage() {
		this.answer = (exchange, body) -> reply(exchange, 500,
				"java.lang.IllegalStateException: out of stock".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(HostException.class).isThrownBy(() -> this.client.invoke(invocation("buy"), TIMEOUT))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACTION_FAILED))
			.withMessage("java.lang.IllegalStateException: out of stock");
	}

	@Test
	void a500WithABinaryBodyIsAFailedActionNamingTheAction() {
		this.answer = (exchange, body) -> reply(exchange, 500, new byte[] { 0x00, (byte) 0xff, 0x02 });

		assertThatExceptionOfType(HostException.class).isThrownBy(() -> this.client.invoke(invocation("buy"), TIMEOUT))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.ACTION_FAILED))
			.withMessageContaining("'buy'");
	}

	@Test
	void a503IsUnavailable() {
		this.answer = (exchange, body) -> reply(exchange, 503, "overloaded".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(HostException.class).isThrownBy(() -> this.client.invoke(invocation("buy"), TIMEOUT))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNAVAILABLE))
			.withMessageContaining("overloaded");
	}

	@Test
	void anUndecodableAnswerIsABadResponse() {
		this.answer = (exchange, body) -> reply(exchange, 200, new byte[] { (byte) 0xff, (byte) 0xff, 0x7f });

		assertThatExceptionOfType(HostException.class).isThrownBy(() -> this.client.invoke(invocation("buy"), TIMEOUT))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.BAD_RESPONSE))
			.withMessageContaining("spawn.ActorInvocationResponse");
	}

	@Test
	void anAnswerOverTheLimitIsABadResponse() {
		this.answer = (exchange, body) -> reply(exchange, 200, new byte[2 * 1024 * 1024]);

		assertThatExceptionOfType(HostException.class).isThrownBy(() -> this.client.invoke(invocation("buy"), TIMEOUT))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.BAD_RESPONSE))
			.withMessageContaining("max-response-size");
	}

	@Test
	void keepsWorkingAfterFailures() {
		this.answer = (exchange, body) -> reply(exchange, 500, "boom".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(HostException.class).isThrownBy(() -> this.client.invoke(invocation("a"), TIMEOUT));
		this.answer = (exchange, body) -> reply(exchange, 200,
				ActorInvocationResponse.newBuilder().setActorName("ok").build().toByteArray());

		assertThat(this.client.invoke(invocation("a"), TIMEOUT).getActorName()).isEqualTo("ok");
	}

	@Test
	void theEndpointAcceptsOnlyAHostAndAPort() {
		assertThat(new HostEndpoint("app.internal", 8090).uri("/api/v1/actors/actions"))
			.hasToString("http://app.internal:8090/api/v1/actors/actions");
		assertThat(new HostEndpoint("::1", 8090).uri("/p")).hasToString("http://[::1]:8090/p");
		assertThat(new HostEndpoint("[::1]", 8090).uri("/p")).hasToString("http://[::1]:8090/p");
		for (String host : List.of("evil.example/admin", "user@evil.example", "a?b", "a#b", "", "a b", "%2e%2e")) {
			assertThatIllegalArgumentException().as(host).isThrownBy(() -> new HostEndpoint(host, 8090));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> new HostEndpoint("localhost", 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new HostEndpoint("localhost", 70000));
	}

	private static ActorInvocation invocation(String action) {
		return ActorInvocation.newBuilder()
			.setActor(ActorId.newBuilder().setSystem("s").setName("a"))
			.setActionName(action)
			.build();
	}

	private static ActorInvocation invocation(String action, String traceparent) {
		return invocation(action).toBuilder()
			.setCurrentContext(Context.newBuilder().putMetadata("traceparent", traceparent))
			.build();
	}

	private HttpServer startServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			server.createContext("/", (exchange) -> {
				try (exchange) {
					byte[] body = exchange.getRequestBody().readAllBytes();
					this.seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
							exchange.getRequestHeaders().getFirst("Content-Type"),
							exchange.getRequestHeaders().getFirst("traceparent"),
							exchange.getRequestHeaders().getFirst("X-Injected"), exchange.getRemoteAddress().getPort(),
							body));
					this.answer.handle(exchange, body);
				}
				catch (IOException ex) {
					// the client went away (timeouts)
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int port() {
		return this.server.getAddress().getPort();
	}

	private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@FunctionalInterface
	interface Answer {

		void handle(HttpExchange exchange, byte[] body) throws IOException, InterruptedException;

	}

	/**
	 * A host on a raw socket that reads one request's headers and body, then does what the test says instead of
	 * answering.
	 */
	static final class RawHost implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger requests = new AtomicInteger();

		private final Thread acceptor;

		RawHost(SocketAction action) throws IOException {
			this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
			this.acceptor = Thread.ofVirtual().start(() -> {
				while (!this.socket.isClosed()) {
					try (Socket connection = this.socket.accept()) {
						readRequest(connection.getInputStream());
						this.requests.incrementAndGet();
						action.apply(connection);
					}
					catch (IOException ex) {
						// closed
					}
				}
			});
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int requests() {
			return this.requests.get();
		}

		static void closeAfterRequest(Socket connection) throws IOException {
			connection.shutdownOutput();
		}

		static void resetAfterRequest(Socket connection) throws IOException {
			connection.setSoLinger(true, 0);
		}

		private static void readRequest(InputStream in) throws IOException {
			StringBuilder headers = new StringBuilder();
			while (!headers.toString().endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					return;
				}
				headers.append((char) b);
			}
			Matcher length = Pattern.compile("(?i)content-length: *(\\d+)")
				.matcher(headers);
			if (length.find()) {
				in.readNBytes(Integer.parseInt(length.group(1)));
			}
		}

		@Override
		public void close() throws Exception {
			this.socket.close();
			this.acceptor.join(5_000);
		}

	}

	@FunctionalInterface
	interface SocketAction {

		void apply(Socket connection) throws IOException;

	}

	record Seen(String method, String path, String contentType, String traceparent, String injected, int remotePort,
			byte[] body) {
	}

}
