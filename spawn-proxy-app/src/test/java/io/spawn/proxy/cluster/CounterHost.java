package io.spawn.proxy.cluster;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Int64Value;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.Context;
import io.spawn.protocol.Workflow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host app of the cluster tests, shared by every proxy: counters whose state is an {@code Int64Value}, and a
 * record of how many invocations each actor received and how many ran at once (never more than one per actor).
 */
final class CounterHost implements AutoCloseable {

	private final HttpServer server;

	private final List<HttpServer> more = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

	CounterHost() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
		this.server.createContext("/api/v1/actors/actions", this::handle);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	/**
	 * Serves the same actors on another local address as well, at the same port.
	 * @return the port
	 */
	int alsoListenOn(InetAddress address) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(address, port()), 512);
		server.createContext("/api/v1/actors/actions", this::handle);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		this.more.add(server);
		return port();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** Invocations an actor received for an action. */
	int received(String actor, String action) {
		AtomicInteger count = this.received.get(actor + "#" + action);
		return (count != null) ? count.get() : 0;
	}

	/** The most invocations of one actor that were inside the host at the same time. */
	int maxConcurrent(String actor) {
		AtomicInteger max = this.maxInFlight.get(actor);
		return (max != null) ? max.get() : 0;
	}

	int maxConcurrentOfAnyActor() {
		return this.maxInFlight.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			ActorInvocation invocation = ActorInvocation.parseFrom(exchange.getRequestBody().readAllBytes());
			String actor = invocation.getActor().getName();
			int now = this.inFlight.computeIfAbsent(actor, (k) -> new AtomicInteger()).incrementAndGet();
			this.maxInFlight.computeIfAbsent(actor, (k) -> new AtomicInteger()).accumulateAndGet(now, Math::max);
			byte[] body;
			try {
				this.received.computeIfAbsent(actor + "#" + invocation.getActionName(), (k) -> new AtomicInteger())
					.incrementAndGet();
				body = answer(invocation).toByteArray();
			}
			finally {
				// Before the answer leaves: once the proxy has it, the actor's next turn may start at once.
				this.inFlight.get(actor).decrementAndGet();
			}
			exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static ActorInvocationResponse answer(ActorInvocation invocation) throws InvalidProtocolBufferException {
		ActorInvocationResponse.Builder response = ActorInvocationResponse.newBuilder()
			.setActorName(invocation.getActor().getName())
			.setActorSystem(invocation.getActor().getSystem());
		switch (invocation.getActionName()) {
			case "add" -> {
				long current = invocation.getCurrentContext().hasState()
						? invocation.getCurrentContext().getState().unpack(Int64Value.class).getValue() : 0;
				long by = invocation.hasValue() ? invocation.getValue().unpack(Int64Value.class).getValue() : 1;
				Any next = Any.pack(Int64Value.of(current + by));
				response.setUpdatedContext(Context.newBuilder().setState(next)).setValue(next);
			}
			case "shout" -> response.setWorkflow(Workflow.newBuilder()
				.setBroadcast(Broadcast.newBuilder().setChannelGroup("news").setValue(Any.pack(Int64Value.of(7)))));
			default -> response.setValue(Any.pack(Int64Value.of(0)));
		}
		return response.build();
	}

	@Override
	public void close() {
		this.more.forEach((server) -> server.stop(0));
		this.server.stop(0);
	}

}
