package io.spawn.internal.sidecar;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.client.ActorCallException;
import io.spawn.client.CallStatus;
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
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.auth.BearerToken;
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
import org.jspecify.annotations.Nullable;

/**
 * The client side of the Spawn protocol towards the proxy: registration, spawning and calls, each a protobuf body
 * over HTTP. A failed call becomes an outcome, never an exception, whose status is the one the proxy names in its
 * {@value #STATUS_HEADER} header (or, from an upstream proxy that sends none, the one its HTTP code stands for).
 */
public final class ProxyClient implements ActorInvoker {

	private static final String CONTENT_TYPE = "application/octet-stream";

	/** Response header in which this project's proxy names each answer's outcome ({@code OK} or a status name). */
	static final String STATUS_HEADER = "Spawn-Status";

	private final URI proxy;

	private final HttpClient http;

	private final Duration callTimeout;

	private final @Nullable BearerToken token;

	public ProxyClient(URI proxy, Duration connectTimeout, Duration callTimeout) {
		this(proxy, connectTimeout, callTimeout, null);
	}

	/**
	 * Creates a client of the proxy.
	 * @param proxy base URL of the proxy's protocol port
	 * @param connectTimeout time to open a connection
	 * @param callTimeout deadline of a call without its own
	 * @param token the bearer token sent on every request (read again for each, as its file may change);
	 * {@code null} to send none
	 */
	public ProxyClient(URI proxy, Duration connectTimeout, Duration callTimeout, @Nullable BearerToken token) {
		this.token = token;
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
					+ answer.getStatus().getMessage() + ((response.statusCode() == 401)
							? "; set spawn.sidecar.token (or token-file) to the proxy's spawn.proxy.security.token" : ""));
		}
		return answer;
	}

	@Override
	public void spawn(String system, SpawnRequest request) {
		try {
			HttpResponse<byte[]> response = send(post("/api/v1/system/" + encode(system) + "/actors/spawn",
					request.toByteArray(), this.callTimeout));
			SpawnResponse answer = parse(response, SpawnResponse::parseFrom, "spawn");
			CallStatus failure = failure(response, answer.getStatus());
			if (failure != null) {
				throw new ActorCallException(failure, answer.getStatus().getMessage(), null);
			}
		}
		catch (IOException ex) {
			throw new ActorCallException(CallStatus.UNAVAILABLE,
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
				return failure(request, timedOut ? CallStatus.DEADLINE_EXCEEDED : CallStatus.UNAVAILABLE,
						timedOut ? "timed out after " + timeout.toMillis() + " ms"
								: "the Spawn proxy at " + this.proxy + " is unreachable: " + cause.getMessage());
			}
			InvocationResponse answer;
			try {
				answer = InvocationResponse.parseFrom(response.body());
			}
			catch (InvalidProtocolBufferException ex) {
				return failure(request, CallStatus.BAD_HOST_RESPONSE,
						"the proxy answered HTTP " + response.statusCode() + " with a body that is not an InvocationResponse");
			}
			return new Outcome(failure(response, answer.getStatus()), answer);
		});
	}

	@Override
	public CompletableFuture<Outcome> deleteState(String system, String actor) {
		InvocationRequest target = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(system))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(system).setName(actor)))
			.build();
		HttpRequest delete = authorized(HttpRequest
			.newBuilder(this.proxy.resolve("/api/v1/system/" + encode(system) + "/actors/" + encode(actor) + "/state")))
			.timeout(this.callTimeout)
			.DELETE()
			.build();
		return this.http.sendAsync(delete, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
			if (error != null) {
				Throwable cause = (error.getCause() != null) ? error.getCause() : error;
				boolean timedOut = cause instanceof HttpTimeoutException;
				return failure(target, timedOut ? CallStatus.DEADLINE_EXCEEDED : CallStatus.UNAVAILABLE,
						timedOut ? "timed out after " + this.callTimeout.toMillis() + " ms"
								: "the Spawn proxy at " + this.proxy + " is unreachable: " + cause.getMessage());
			}
			InvocationResponse answer;
			try {
				answer = InvocationResponse.parseFrom(response.body());
			}
			catch (InvalidProtocolBufferException ex) {
				return failure(target, CallStatus.BAD_HOST_RESPONSE, "the proxy answered HTTP "
						+ response.statusCode() + " with a body that is not an InvocationResponse"
						+ ((response.statusCode() == 404 || response.statusCode() == 405)
								? " (a proxy without the delete-state route, such as upstream Spawn's?)" : ""));
			}
			return new Outcome(failure(response, answer.getStatus()), answer);
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

	/**
	 * Why a call failed, from the proxy's answer: the outcome named in the {@value #STATUS_HEADER} header when the
	 * proxy sends one (this project's proxy always does), else the HTTP code and the protocol status (upstream
	 * proxies). Never read from the message.
	 * @param response the proxy's answer
	 * @param status the answer's protocol status
	 * @return why the call failed, {@code null} when it succeeded
	 */
	static @Nullable CallStatus failure(HttpResponse<?> response, RequestStatus status) {
		String named = response.headers().firstValue(STATUS_HEADER).orElse("");
		if (named.equals("OK")) {
			return null;
		}
		for (CallStatus candidate : CallStatus.values()) {
			if (candidate.name().equals(named)) {
				return candidate;
			}
		}
		return failure(response.statusCode(), status.getStatus());
	}

	/** The failure an HTTP code and a protocol status stand for, per the error table, for proxies without the header. */
	static @Nullable CallStatus failure(int http, Status status) {
		if (http == 200) {
			return switch (status) {
				case OK -> null;
				case ACTOR_NOT_FOUND -> CallStatus.ACTOR_NOT_FOUND;
				case UNKNOWN, ERROR, UNRECOGNIZED -> CallStatus.ACTION_FAILED;
			};
		}
		return switch (http) {
			case 404 -> (status == Status.ACTOR_NOT_FOUND) ? CallStatus.ACTOR_NOT_FOUND : CallStatus.ACTION_NOT_FOUND;
			case 400, 415 -> CallStatus.INVALID_REQUEST;
			case 401 -> CallStatus.UNAUTHENTICATED;
			case 403 -> CallStatus.PERMISSION_DENIED;
			case 409 -> CallStatus.STATE_CONFLICT;
			case 413 -> CallStatus.PAYLOAD_TOO_LARGE;
			case 429 -> CallStatus.MAILBOX_FULL;
			case 501 -> CallStatus.NOT_IMPLEMENTED;
			case 502 -> CallStatus.BAD_HOST_RESPONSE;
			case 503 -> CallStatus.UNAVAILABLE;
			case 504 -> CallStatus.DEADLINE_EXCEEDED;
			default -> (status == Status.ACTOR_NOT_FOUND) ? CallStatus.ACTOR_NOT_FOUND : CallStatus.ACTION_FAILED;
		};
	}

	private static Outcome failure(InvocationRequest request, CallStatus status, String message) {
		return new Outcome(status, InvocationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.ERROR).setMessage(message))
			.setSystem(ActorSystem.newBuilder().setName(request.getSystem().getName()))
			.setActor(Actor.newBuilder().setId(request.getActor().getId()))
			.setNoop(Noop.getDefaultInstance())
			.build());
	}

	private HttpRequest post(String path, byte[] body, Duration timeout) {
		return authorized(HttpRequest.newBuilder(this.proxy.resolve(path))).timeout(timeout)
			.header("Content-Type", CONTENT_TYPE)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		BearerToken credentials = this.token;
		return (credentials != null) ? request.header("Authorization", credentials.header()) : request;
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
