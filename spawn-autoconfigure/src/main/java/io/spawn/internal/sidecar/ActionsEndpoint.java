package io.spawn.internal.sidecar;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spawn.internal.model.ActionFailedException;
import io.spawn.internal.model.ActorDispatcher;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.commons.logging.LogFactory;
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

	public ActionsEndpoint(String address, int port, Supplier<ActorDispatcher> dispatcher, int maxRequestBytes)
			throws IOException {
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
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().add("Allow", "POST");
				send(exchange, 405, "use POST");
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
