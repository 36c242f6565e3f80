package io.spawn.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A user application (host) written for the tests: a plain JDK HTTP server on port 0 that speaks the raw host
 * protocol. It records every request it receives, whatever its path, and answers {@code POST
 * /api/v1/actors/actions} with the handler registered for the invocation's system, actor (by name, then by
 * template) and action.
 */
final class TestHost implements AutoCloseable {

	static final String ACTIONS_PATH = "/api/v1/actors/actions";

	private final HttpServer server;

	private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

	final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	TestHost() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** Answers {@code action} of {@code actor} (or of instances of the template {@code actor}) in a system. */
	TestHost on(String system, String actor, String action, Handler handler) {
		this.handlers.put(system + "#" + actor + "#" + action, handler);
		return this;
	}

	List<Received> receivedBy(String system, String actor) {
		return this.received.stream()
			.filter((r) -> r.invocation() != null && r.invocation().getActor().getSystem().equals(system)
					&& r.invocation().getActor().getName().equals(actor))
			.toList();
	}

	List<Received> receivedBy(String system, String actor, String action) {
		return receivedBy(system, actor).stream()
			.filter((r) -> r.invocation().getActionName().equals(action))
			.toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			ActorInvocation invocation = null;
			try {
				invocation = ActorInvocation.parseFrom(body);
			}
			catch (IOException ex) {
				// recorded with no invocation
			}
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("traceparent"), exchange.getRemoteAddress().getPort(),
					System.currentTimeMillis(), invocation, exchange.getRequestHeaders().getFirst("Authorization")));
			if (!exchange.getRequestMethod().equals("POST") || !ACTIONS_PATH.equals(exchange.getRequestURI().getRawPath())
					|| invocation == null) {
				send(exchange, 404, "not a host route".getBytes(StandardCharsets.UTF_8));
				return;
			}
			String system = invocation.getActor().getSystem();
			Handler handler = this.handlers
				.get(system + "#" + invocation.getActor().getName() + "#" + invocation.getActionName());
			if (handler == null) {
				handler = this.handlers
					.get(system + "#" + invocation.getActor().getParent() + "#" + invocation.getActionName());
			}
			if (handler == null) {
				send(exchange, 500, ("test host has no handler for " + invocation.getActor().getName() + "#"
						+ invocation.getActionName()).getBytes(StandardCharsets.UTF_8));
				return;
			}
			Reply reply;
			try {
				reply = handler.handle(invocation);
			}
			catch (Exception ex) {
				reply = Reply.error(500, String.valueOf(ex.getMessage()));
			}
			send(exchange, reply.status(), reply.body());
		}
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** Answers one invocation. */
	@FunctionalInterface
	interface Handler {

		Reply handle(ActorInvocation invocation) throws Exception;

	}

	/**
	 * One request as the host saw it.
	 * @param method the HTTP method
	 * @param rawPath the path, undecoded
	 * @param rawQuery the query, undecoded, or null
	 * @param contentType the Content-Type header
	 * @param traceparent the traceparent header
	 * @param remotePort the client's port (one per connection)
	 * @param receivedAtMillis when it arrived
	 * @param invocation the decoded body, or null when it was not an ActorInvocation
	 * @param authorization the Authorization header
	 */
	record Received(String method, String rawPath, @Nullable String rawQuery, @Nullable String contentType,
			@Nullable String traceparent, int remotePort, long receivedAtMillis, @Nullable ActorInvocation invocation,
			@Nullable String authorization) {
	}

	/**
	 * An HTTP answer of the host.
	 * @param status the HTTP code
	 * @param body the body
	 */
	record Reply(int status, byte[] body) {

		static Reply ok(ActorInvocationResponse response) {
			return new Reply(200, response.toByteArray());
		}

		static Reply ok(ActorInvocationResponse.Builder response) {
			return ok(response.build());
		}

		static Reply error(int status, String text) {
			return new Reply(status, text.getBytes(StandardCharsets.UTF_8));
		}

		static Reply raw(int status, byte[] body) {
			return new Reply(status, body);
		}

	}

	/** A reply that returns the input as output and keeps the state. */
	static Reply echo(ActorInvocation invocation) {
		ActorInvocationResponse.Builder response = ActorInvocationResponse.newBuilder()
			.setActorName(invocation.getActor().getName())
			.setActorSystem(invocation.getActor().getSystem());
		if (invocation.hasValue()) {
			response.setValue(invocation.getValue());
		}
		else {
			response.setNoop(invocation.getNoop());
		}
		return Reply.ok(response);
	}

	/** A reply that makes the input the new state and returns it. */
	static Reply setState(ActorInvocation invocation) {
		ActorInvocationResponse.Builder response = ActorInvocationResponse.newBuilder()
			.setActorName(invocation.getActor().getName())
			.setActorSystem(invocation.getActor().getSystem())
			.setUpdatedContext(Context.newBuilder().setState(invocation.getValue()))
			.setValue(invocation.getValue());
		return Reply.ok(response);
	}

}
