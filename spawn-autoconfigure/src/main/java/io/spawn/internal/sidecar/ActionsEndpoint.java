package io.spawn.internal.sidecar;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spawn.internal.model.ActionFailedException;
import io.spawn.internal.model.ActorDispatcher;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.auth.BearerToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * The host side of the Spawn protocol: {@code POST /api/v1/actors/actions} takes an {@link ActorInvocation} from the
 * proxy, runs it on its {@code @Actor} bean, and answers the {@link ActorInvocationResponse}. It listens on its own
 * port (loopback by default), one virtual thread per request, independent of the application's own web stack.
 */
public final class ActionsEndpoint implements AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(ActionsEndpoint.class));

	/** The only path this endpoint answers. */
	public static final String PATH = "/api/v1/actors/actions";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final Supplier<ActorDispatcher> dispatcher;

	private final int maxRequestBytes;

	private final @Nullable BearerToken token;

	public ActionsEndpoint(String address, int port, Supplier<ActorDispatcher> dispatcher, int maxRequestBytes)
			throws IOException {
		this(address, port, dispatcher, maxRequestBytes, null);
	}

	/**
	 * Creates the endpoint.
	 * @param address the address to bind
	 * @param port the port to bind, 0 for any free one
	 * @param dispatcher runs the actions
	 * @param maxRequestBytes largest invocation accepted
	 * @param token the bearer token the proxy must send, {@code null} to require none
	 * @throws IOException when the port cannot be bound
	 */
	public ActionsEndpoint(String address, int port, Supplier<ActorDispatcher> dispatcher, int maxRequestBytes,
			@Nullable BearerToken token) throws IOException {
		this.token = token;
		this.dispatcher = dispatcher;
		this.maxRequestBytes = maxRequestBytes;
		this.server = HttpServer.create(new InetSocketAddress(address, port), 128);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
	}

	public void start() {
		this.server.start();
		logger.info(() -> "Spawn host endpoint listening on " + this.server.getAddress() + PATH);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!PATH.equals(exchange.getRequestURI().getPath())) {
				send(exchange, 404, "no such route: " + exchange.getRequestURI().getPath());
				return;
			}
			if (!authenticated(exchange)) {
				return;
			}
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().add("Allow", "POST");
				send(exchange, 405, "use POST");
				return;
			}
			long declared = declaredLength(exchange);
			if (declared > this.maxRequestBytes) {
				// Refused from the header: the body is not read (the server drains at most a little of it and
				// closes the connection).
				exchange.getResponseHeaders().add("Connection", "close");
				send(exchange, 413, "invocation of " + declared + " bytes is larger than " + this.maxRequestBytes
						+ " bytes (spawn.sidecar.max-request-bytes)");
				return;
			}
			if (declared == -2) {
				send(exchange, 400, "Content-Length is not a number");
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readNBytes(this.maxRequestBytes + 1);
			}
			if (body.length > this.maxRequestBytes) {
				send(exchange, 413, "invocation larger than " + this.maxRequestBytes + " bytes");
				return;
			}
			ActorInvocation invocation;
			try {
				invocation = ActorInvocation.parseFrom(body);
			}
			catch (InvalidProtocolBufferException ex) {
				send(exchange, 400, "body is not a spawn.ActorInvocation: " + ex.getMessage());
				return;
			}
			ActorInvocationResponse response;
			try {
				response = this.dispatcher.get().dispatch(invocation);
			}
			catch (ActionFailedException ex) {
				send(exchange, 500, ex.getMessage());
				return;
			}
			catch (RuntimeException ex) {
				logger.error(ex, () -> "Action " + invocation.getActionName() + " of " + invocation.getActor().getName()
						+ " failed unexpectedly");
				send(exchange, 500, "internal error: " + ex);
				return;
			}
			byte[] answer = response.toByteArray();
			exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
	}

	/** Answers 401 and returns false unless the request carries the token (when one is required). */
	private boolean authenticated(HttpExchange exchange) throws IOException {
		BearerToken required = this.token;
		if (required == null) {
			return true;
		}
		BearerToken.Verdict verdict = required.check(exchange.getRequestHeaders().getFirst("Authorization"));
		if (verdict == BearerToken.Verdict.ACCEPTED) {
			return true;
		}
		boolean missing = verdict == BearerToken.Verdict.MISSING;
		logger.warn(() -> "Refused a call to the host endpoint from " + exchange.getRemoteAddress() + ": "
				+ (missing ? "no bearer token" : "a wrong bearer token"));
		exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"spawn-host\"");
		exchange.getResponseHeaders().add("Connection", "close");
		send(exchange, 401, missing ? "this host endpoint requires Authorization: Bearer <token> (spawn.sidecar.token)"
				: "the bearer token is not the one this host endpoint accepts");
		return false;
	}

	/** The declared Content-Length, -1 when there is none (chunked), -2 when it is not a number. */
	private static long declaredLength(HttpExchange exchange) {
		String value = exchange.getRequestHeaders().getFirst("Content-Length");
		if (value == null) {
			return -1;
		}
		try {
			long length = Long.parseLong(value.strip());
			return (length < 0) ? -2 : length;
		}
		catch (NumberFormatException ex) {
			return -2;
		}
	}

	private static void send(HttpExchange exchange, int status, String message) throws IOException {
		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(status, text.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(text);
		}
	}

	@Override
	public void close() {
		this.server.stop(1);
		this.executor.shutdown();
	}

}
