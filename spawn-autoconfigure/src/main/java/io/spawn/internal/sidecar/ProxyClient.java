package io.spawn.internal.sidecar;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.internal.model.ActorInvoker;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.RequestStatus;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.SpawnResponse;
import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorSystem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The client side of the Spawn protocol towards the proxy: registration, spawning and calls, each a protobuf body
 * over HTTP. A failed call becomes an outcome whose status follows the proxy's HTTP code, never an exception.
 */
public final class ProxyClient implements ActorInvoker {

	private static final String CONTENT_TYPE = "application/octet-stream";

	private final URI proxy;

	private final HttpClient http;

	private final Duration callTimeout;

	public ProxyClient(URI proxy, Duration connectTimeout, Duration callTimeout) {
		this.proxy = proxy;
		this.callTimeout = callTimeout;
		this.http = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
	}

	/**
	 * Registers the application's actors.
	 * @param request the registration
	 * @return the proxy's answer
	 * @throws IOException when the proxy cannot be reached or refuses the registration
	 */
	public RegistrationResponse register(RegistrationRequest request) throws IOException {
		HttpResponse<byte[]> response = send(post("/api/v1/system", request.toByteArray(), this.callTimeout));
		RegistrationResponse answer = parse(response, RegistrationResponse::parseFrom, "registration");
		if (response.statusCode() != 200 || answer.getStatus().getStatus() != Status.OK) {
			throw new IOException("the proxy refused the registration (HTTP " + response.statusCode() + "): "
					+ answer.getStatus().getMessage());
		}
		return answer;
	}

	@Override
	public void spawn(String system, SpawnRequest request) {
		try {
			HttpResponse<byte[]> response = send(post("/api/v1/system/" + encode(system) + "/actors/spawn",
					request.toByteArray(), this.callTimeout));
			SpawnResponse answer = parse(response, SpawnResponse::parseFrom, "spawn");
			if (response.statusCode() != 200) {
				throw new io.spawn.client.ActorCallException(status(response.statusCode(), answer.getStatus()),
						answer.getStatus().getMessage(), null);
			}
		}
		catch (IOException ex) {
			throw new io.spawn.client.ActorCallException(io.spawn.client.CallStatus.UNAVAILABLE,
					"the Spawn proxy at " + this.proxy + " is unreachable: " + ex.getMessage(), null);
		}
	}

	@Override
	public CompletableFuture<Outcome> invoke(InvocationRequest request) {
		String system = request.getSystem().getName();
		String actor = request.getActor().getId().getName();
		Duration timeout = timeout(request);
		HttpRequest post = post("/api/v1/system/" + encode(system) + "/actors/" + encode(actor) + "/invoke",
				request.toByteArray(), timeout);
		return this.http.sendAsync(post, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
			if (error != null) {
				Throwable cause = (error.getCause() != null) ? error.getCause() : error;
				boolean timedOut = cause instanceof HttpTimeoutException;
				return failure(request, timedOut ? "DEADLINE_EXCEEDED" : "UNAVAILABLE",
						timedOut ? "timed out after " + timeout.toMillis() + " ms"
								: "the Spawn proxy at " + this.proxy + " is unreachable: " + cause.getMessage());
			}
			InvocationResponse answer;
			try {
				answer = InvocationResponse.parseFrom(response.body());
			}
			catch (InvalidProtocolBufferException ex) {
				return failure(request, "BAD_HOST_RESPONSE",
						"the proxy answered HTTP " + response.statusCode() + " with a body that is not an InvocationResponse");
			}
			if (response.statusCode() == 200 && answer.getStatus().getStatus() == Status.OK) {
				return new Outcome("OK", answer);
			}
			return new Outcome(status(response.statusCode(), answer.getStatus()).name(), answer);
		});
	}

	private Duration timeout(InvocationRequest request) {
		String value = request.getMetadataOrDefault("request-timeout", "");
		try {
			// A little beyond the proxy's own deadline, so that the proxy's 504 arrives first.
			return value.isEmpty() ? this.callTimeout : Duration.ofMillis(Long.parseLong(value) + 1_000);
		}
		catch (NumberFormatException ex) {
			return this.callTimeout;
		}
	}

	/** The failure a status line stands for, per the error table of the protocol. */
	static io.spawn.client.CallStatus status(int http, RequestStatus status) {
		return switch (http) {
			case 404 -> (status.getStatus() == Status.ACTOR_NOT_FOUND) ? io.spawn.client.CallStatus.ACTOR_NOT_FOUND
					: io.spawn.client.CallStatus.ACTION_NOT_FOUND;
			case 400, 415 -> io.spawn.client.CallStatus.INVALID_REQUEST;
			case 409 -> status.getMessage().startsWith("reentrant") ? io.spawn.client.CallStatus.REENTRANT_CALL
					: io.spawn.client.CallStatus.STATE_CONFLICT;
			case 413 -> io.spawn.client.CallStatus.PAYLOAD_TOO_LARGE;
			case 429 -> io.spawn.client.CallStatus.MAILBOX_FULL;
			case 501 -> io.spawn.client.CallStatus.NOT_IMPLEMENTED;
			case 502 -> io.spawn.client.CallStatus.BAD_HOST_RESPONSE;
			case 503 -> io.spawn.client.CallStatus.UNAVAILABLE;
			case 504 -> io.spawn.client.CallStatus.DEADLINE_EXCEEDED;
			default -> (status.getStatus() == Status.ACTOR_NOT_FOUND) ? io.spawn.client.CallStatus.ACTOR_NOT_FOUND
					: io.spawn.client.CallStatus.ACTION_FAILED;
		};
	}

	private static Outcome failure(InvocationRequest request, String status, String message) {
		return new Outcome(status, InvocationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.ERROR).setMessage(message))
			.setSystem(ActorSystem.newBuilder().setName(request.getSystem().getName()))
			.setActor(Actor.newBuilder().setId(request.getActor().getId()))
			.setNoop(Noop.getDefaultInstance())
			.build());
	}

	private HttpRequest post(String path, byte[] body, Duration timeout) {
		return HttpRequest.newBuilder(this.proxy.resolve(path))
			.timeout(timeout)
			.header("Content-Type", CONTENT_TYPE)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private static <T> T parse(HttpResponse<byte[]> response, Parser<T> parser, String what) throws IOException {
		try {
			return parser.parse(response.body());
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IOException("the proxy's answer to the " + what + " (HTTP " + response.statusCode()
					+ ") is not protobuf: " + ex.getMessage(), ex);
		}
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@FunctionalInterface
	private interface Parser<T> {

		T parse(byte[] bytes) throws InvalidProtocolBufferException;

	}

}
