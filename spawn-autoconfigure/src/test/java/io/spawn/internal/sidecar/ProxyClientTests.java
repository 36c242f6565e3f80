package io.spawn.internal.sidecar;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spawn.client.ActorCallException;
import io.spawn.client.CallStatus;
import io.spawn.internal.model.ActorInvoker.Outcome;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.RequestStatus;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.SpawnResponse;
import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.auth.BearerToken;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client of the proxy against a real HTTP server on port 0 standing in for the proxy: the status of a failed
 * call is the one the proxy names in its Spawn-Status header, never one read from the message.
 */
class ProxyClientTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private volatile Answer answer = (exchange) -> reply(exchange, 200, "OK", ok("hi"));

	private final HttpServer proxy = startProxy();

	private final ProxyClient client = new ProxyClient(URI.create("http://127.0.0.1:" + port()),
			Duration.ofSeconds(1), Duration.ofSeconds(5));

	@AfterEach
	void stop() {
		this.release.countDown();
		this.proxy.stop(0);
	}

	@Test
	void aTokenIsSentOnCallsSpawnsAndDeletes() {
		ProxyClient authenticated = new ProxyClient(URI.create("http://127.0.0.1:" + port()), Duration.ofSeconds(1),
				Duration.ofSeconds(5), BearerToken.of("app-secret"));
		java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.answer = (exchange) -> {
			seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			reply(exchange, 200, "OK", ok("hi"));
		};

		authenticated.invoke(call()).join();
		authenticated.deleteState("s", "a").join();
		authenticated.spawn("s", SpawnRequest.getDefaultInstance());

		assertThat(seen).containsExactly("Bearer app-secret", "Bearer app-secret", "Bearer app-secret");
		this.client.invoke(call()).join();
		assertThat(seen).last().isEqualTo("null");
	}

	@Test
	void aSuccessfulCallIsAnOkOutcomeWithTheReply() {
		Outcome outcome = this.client.invoke(call()).join();

		assertThat(outcome.ok()).isTrue();
		assertThat(outcome.failure()).isNull();
		assertThat(outcome.response().getValue()).isEqualTo(Any.pack(StringValue.of("hi")));
	}

	@Test
	void theStatusHeaderDecidesTheFailureNotTheMessage() {
		// A message that starts like a re-entrant call, but the proxy says it is a state conflict.
		this.answer = (exchange) -> reply(exchange, 409, "STATE_CONFLICT", error("reentrant-looking message"));
		assertThat(this.client.invoke(call()).join().failure()).isEqualTo(CallStatus.STATE_CONFLICT);

		this.answer = (exchange) -> reply(exchange, 409, "REENTRANT_CALL", error("a -> b -> a"));
		assertThat(this.client.invoke(call()).join().failure()).isEqualTo(CallStatus.REENTRANT_CALL);
	}

	@Test
	void everyStatusNamedByTheProxyArrivesAsItself() {
		for (CallStatus status : CallStatus.values()) {
			this.answer = (exchange) -> reply(exchange, 500, status.name(), error("failed"));

			assertThat(this.client.invoke(call()).join().failure()).as(status.name()).isEqualTo(status);
		}
	}

	@Test
	void withoutTheHeaderAnUpstreamProxysHttpCodeDecides() {
		int[][] codes = { { 404 }, { 400 }, { 401 }, { 403 }, { 429 }, { 500 }, { 502 }, { 503 }, { 504 } };
		CallStatus[] expected = { CallStatus.ACTION_NOT_FOUND, CallStatus.INVALID_REQUEST, CallStatus.UNAUTHENTICATED,
				CallStatus.PERMISSION_DENIED, CallStatus.MAILBOX_FULL, CallStatus.ACTION_FAILED,
				CallStatus.BAD_HOST_RESPONSE, CallStatus.UNAVAILABLE, CallStatus.DEADLINE_EXCEEDED };
		for (int i = 0; i < codes.length; i++) {
			int code = codes[i][0];
			this.answer = (exchange) -> reply(exchange, code, null, error("failed"));

			assertThat(this.client.invoke(call()).join().failure()).as("HTTP " + code).isEqualTo(expected[i]);
		}
		this.answer = (exchange) -> reply(exchange, 500, null, status(Status.ACTOR_NOT_FOUND, "no such actor"));
		assertThat(this.client.invoke(call()).join().failure()).isEqualTo(CallStatus.ACTOR_NOT_FOUND);
		this.answer = (exchange) -> reply(exchange, 200, null, ok("fine"));
		assertThat(this.client.invoke(call()).join().ok()).isTrue();
	}

	@Test
	void deleteStateSendsADeleteToTheStateRouteAndMapsItsOutcome() {
		java.util.Queue<String> requests = new java.util.concurrent.ConcurrentLinkedQueue<>();
		this.answer = (exchange) -> {
			requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
			reply(exchange, 200, "OK", ok("ignored"));
		};

		Outcome deleted = this.client.deleteState("shop", "cart 1").join();

		assertThat(deleted.ok()).isTrue();
		assertThat(requests).containsExactly("DELETE /api/v1/system/shop/actors/cart%201/state");

		this.answer = (exchange) -> reply(exchange, 400, "INVALID_REQUEST", error("actor 'cart' is not stateful"));
		Outcome refused = this.client.deleteState("shop", "cart").join();
		assertThat(refused.failure()).isEqualTo(CallStatus.INVALID_REQUEST);
		assertThat(refused.response().getStatus().getMessage()).isEqualTo("actor 'cart' is not stateful");
	}

	@Test
	void aProxyThatCannotBeReachedIsUnavailable() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		ProxyClient down = new ProxyClient(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(1),
				Duration.ofSeconds(5));

		Outcome outcome = down.invoke(call()).join();

		assertThat(outcome.failure()).isEqualTo(CallStatus.UNAVAILABLE);
		assertThat(outcome.response().getStatus().getMessage()).contains("unreachable");
	}

	@Test
	void aProxyThatDoesNotAnswerWithinTheRequestTimeoutIsDeadlineExceeded() {
		this.answer = (exchange) -> {
			this.release.await(10, TimeUnit.SECONDS);
			reply(exchange, 200, "OK", ok("late"));
		};
		InvocationRequest call = call().toBuilder().putMetadata("request-timeout", "100").build();

		Outcome outcome = this.client.invoke(call).join();

		assertThat(outcome.failure()).isEqualTo(CallStatus.DEADLINE_EXCEEDED);
	}

	@Test
	void aSpawnOfAnUnknownTemplateThrowsActorNotFound() {
		this.answer = (exchange) -> reply(exchange, 404, "ACTOR_NOT_FOUND", SpawnResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.ACTOR_NOT_FOUND).setMessage("no template 'x'"))
			.build()
			.toByteArray());

		assertThatExceptionOfType(ActorCallException.class)
			.isThrownBy(() -> this.client.spawn("s", SpawnRequest.newBuilder()
				.addActors(ActorId.newBuilder().setName("a").setParent("x"))
				.build()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(CallStatus.ACTOR_NOT_FOUND))
			.withMessageContaining("no template 'x'");
	}

	private static InvocationRequest call() {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName("s"))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem("s").setName("a")))
			.setActionName("go")
			.build();
	}

	private static byte[] ok(String value) {
		return InvocationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.OK))
			.setValue(Any.pack(StringValue.of(value)))
			.build()
			.toByteArray();
	}

	private static byte[] error(String message) {
		return status(Status.ERROR, message);
	}

	private static byte[] status(Status status, String message) {
		return InvocationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(status).setMessage(message))
			.build()
			.toByteArray();
	}

	private static void reply(HttpExchange exchange, int code, @Nullable String outcome, byte[] body)
			throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
		if (outcome != null) {
			exchange.getResponseHeaders().add("Spawn-Status", outcome);
		}
		exchange.sendResponseHeaders(code, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private HttpServer startProxy() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			server.createContext("/", (exchange) -> {
				try (exchange) {
					exchange.getRequestBody().readAllBytes();
					this.answer.handle(exchange);
				}
				catch (IOException ex) {
					// the client went away
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
		return this.proxy.getAddress().getPort();
	}

	@FunctionalInterface
	interface Answer {

		void handle(HttpExchange exchange) throws IOException, InterruptedException;

	}

}
