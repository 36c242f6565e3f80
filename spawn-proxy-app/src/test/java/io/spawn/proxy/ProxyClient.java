package io.spawn.proxy;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.ServiceInfo;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorDeactivationStrategy;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSnapshotStrategy;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.actors.TimeoutStrategy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A caller of the proxy for the tests: raw protobuf bytes over real HTTP with the JDK client, plus builders of the
 * protocol messages the tests send.
 */
final class ProxyClient {

	static final String PROTOBUF = "application/octet-stream";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	ProxyClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	String base() {
		return this.base;
	}

	HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build());
	}

	HttpResponse<byte[]> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	HttpResponse<String> getText(String path) {
		try {
			return this.http.send(
					HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	RegistrationResponse register(RegistrationRequest request) {
		HttpResponse<byte[]> response = post("/api/v1/system", PROTOBUF, request.toByteArray());
		RegistrationResponse answer = parse(response, RegistrationResponse.parser());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("registration failed: " + response.statusCode() + " " + answer);
		}
		return answer;
	}

	Reply invoke(InvocationRequest request) {
		return invoke(request.getSystem().getName(), request.getActor().getId().getName(), request);
	}

	Reply invoke(String system, String actor, InvocationRequest request) {
		HttpResponse<byte[]> response = post(invokePath(system, actor), PROTOBUF, request.toByteArray());
		return new Reply(response.statusCode(), parse(response, InvocationResponse.parser()),
				response.headers().firstValue("Spawn-Status").orElse(null));
	}

	CompletableFuture<Reply> invokeAsync(InvocationRequest request) {
		HttpRequest http = HttpRequest
			.newBuilder(URI.create(this.base
					+ invokePath(request.getSystem().getName(), request.getActor().getId().getName())))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", PROTOBUF)
			.POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
			.build();
		return this.http.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray())
			.thenApply((response) -> new Reply(response.statusCode(), parse(response, InvocationResponse.parser()),
					response.headers().firstValue("Spawn-Status").orElse(null)));
	}

	static String invokePath(String system, String actor) {
		return "/api/v1/system/" + system + "/actors/" + actor + "/invoke";
	}

	static <T extends Message> T parse(HttpResponse<byte[]> response, com.google.protobuf.Parser<T> parser) {
		try {
			return parser.parseFrom(response.body());
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException("answer with HTTP " + response.statusCode() + " is not protobuf: "
					+ new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), ex);
		}
	}

	/**
	 * The proxy's answer to an invoke.
	 * @param status the HTTP code
	 * @param response the decoded body
	 */
	/**
	 * An answer to a call.
	 * @param status the HTTP code
	 * @param response the body
	 * @param outcome the Spawn-Status header, the outcome's name
	 */
	record Reply(int status, InvocationResponse response, @Nullable String outcome) {

		String text() {
			return ProxyClient.text(this.response.getValue());
		}

		String message() {
			return this.response.getStatus().getMessage();
		}

	}

	// ----------------------------------------------------------------------------------------------------------
	// Message builders
	// ----------------------------------------------------------------------------------------------------------

	static Any text(String value) {
		return Any.pack(StringValue.of(value));
	}

	static String text(Any any) {
		try {
			return any.unpack(StringValue.class).getValue();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Actor.Builder actor(String name, Kind kind, String... actions) {
		Actor.Builder actor = Actor.newBuilder()
			.setId(ActorId.newBuilder().setName(name))
			.setSettings(ActorSettings.newBuilder().setKind(kind).setStateful(kind != Kind.POOLED));
		for (String action : actions) {
			actor.addActions(Action.newBuilder().setName(action));
		}
		return actor;
	}

	static Actor.Builder withTimeouts(Actor.Builder actor, long idleMillis, long snapshotMillis) {
		actor.getSettingsBuilder()
			.setDeactivationStrategy(ActorDeactivationStrategy.newBuilder()
				.setTimeout(TimeoutStrategy.newBuilder().setTimeout(idleMillis)))
			.setSnapshotStrategy(
					ActorSnapshotStrategy.newBuilder().setTimeout(TimeoutStrategy.newBuilder().setTimeout(snapshotMillis)));
		return actor;
	}

	static RegistrationRequest registration(String system, Actor.Builder... actors) {
		Registry.Builder registry = Registry.newBuilder();
		for (Actor.Builder actor : actors) {
			registry.putActors(actor.getId().getName(), actor.build());
		}
		return RegistrationRequest.newBuilder()
			.setServiceInfo(ServiceInfo.newBuilder()
				.setServiceName("test-host")
				.setProtocolMajorVersion(1)
				.setProtocolMinorVersion(2))
			.setActorSystem(ActorSystem.newBuilder().setName(system).setRegistry(registry))
			.build();
	}

	static InvocationRequest.Builder call(String system, String actor, String action) {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(system))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setName(actor).setSystem(system)))
			.setActionName(action)
			.setNoop(Noop.getDefaultInstance());
	}

	static InvocationRequest.Builder call(String system, String actor, String action, String input) {
		return call(system, actor, action).setValue(text(input));
	}

}
