package io.spawn.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.ServiceInfo;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorDeactivationStrategy;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Channel;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Metadata;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.actors.TimeoutStrategy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the multi-process cluster tests say to a member: register the counter host's actors, call them over the
 * protocol's HTTP routes, and ask the actuator who owns an actor, whether it is active on a member and which
 * members a member sees.
 */
final class ClusterTestClient {

	private final String system;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	ClusterTestClient(String system) {
		this.system = system;
	}

	HttpClient http() {
		return this.http;
	}

	void register(ProxyProcess member) throws Exception {
		Registry.Builder registry = Registry.newBuilder();
		registry.putActors("hot", actor("hot", Kind.NAMED, true, "add").build());
		registry.putActors("counter", actor("counter", Kind.UNNAMED, true, "add").build());
		registry.putActors("pinger", actor("pinger", Kind.UNNAMED, false, "ping").build());
		registry.putActors("speaker", actor("speaker", Kind.NAMED, false, "shout").build());
		Actor.Builder listener = actor("listener", Kind.UNNAMED, false, "hello", "receive");
		listener.setMetadata(Metadata.newBuilder().addChannelGroup(Channel.newBuilder().setTopic("news")));
		registry.putActors("listener", listener.build());
		Actor.Builder radio = actor("radio", Kind.NAMED, false, "receive");
		radio.setMetadata(Metadata.newBuilder().addChannelGroup(Channel.newBuilder().setTopic("news")));
		registry.putActors("radio", radio.build());
		RegistrationRequest request = RegistrationRequest.newBuilder()
			.setServiceInfo(ServiceInfo.newBuilder().setServiceName("cluster-test").setProtocolMajorVersion(1))
			.setActorSystem(ActorSystem.newBuilder().setName(this.system).setRegistry(registry))
			.build();
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(URI.create(member.base() + "/api/v1/system"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as("registration with %s", member.nodeId).isEqualTo(200);
	}

	private Actor.Builder actor(String name, Kind kind, boolean writeThrough, String... actions) {
		Actor.Builder actor = Actor.newBuilder()
			.setId(ActorId.newBuilder().setName(name).setSystem(this.system))
			.setSettings(ActorSettings.newBuilder()
				.setKind(kind)
				.setStateful(true)
				.setDeactivationStrategy(ActorDeactivationStrategy.newBuilder()
					.setTimeout(TimeoutStrategy.newBuilder().setTimeout(120_000))));
		if (writeThrough) {
			actor.setMetadata(Metadata.newBuilder().putTags("spawn.write-through", "true"));
		}
		for (String action : actions) {
			actor.addActions(Action.newBuilder().setName(action));
		}
		return actor;
	}

	InvocationRequest call(String actor, String action, String template, Long input) {
		InvocationRequest.Builder request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(this.system))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setName(actor).setSystem(this.system)))
			.setActionName(action);
		if (template != null) {
			request.setRegisterRef(template);
		}
		if (input != null) {
			request.setValue(Any.pack(Int64Value.of(input)));
		}
		else {
			request.setNoop(Noop.getDefaultInstance());
		}
		return request.build();
	}

	Answer add(ProxyProcess member, String actor, String template, long by) {
		return send(member, call(actor, "add", template, by));
	}

	/** A call's HTTP status (-1 when the member did not accept the connection) and its Int64 value. */
	Answer send(ProxyProcess member, InvocationRequest request) {
		try {
			HttpResponse<byte[]> response = this.http.send(HttpRequest
				.newBuilder(URI.create(member.base() + "/api/v1/system/" + this.system + "/actors/"
						+ request.getActor().getId().getName() + "/invoke"))
				.timeout(Duration.ofSeconds(45))
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			InvocationResponse answer = InvocationResponse.parseFrom(response.body());
			long value = answer.hasValue() && answer.getValue().is(Int64Value.class)
					? answer.getValue().unpack(Int64Value.class).getValue() : -1;
			return new Answer(response.statusCode(), value, answer.getStatus().getMessage());
		}
		catch (IOException ex) {
			return new Answer(-1, -1, String.valueOf(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	long read(ProxyProcess member, String actor) {
		Answer answer = send(member, call(actor, "get", null, null));
		assertThat(answer.status()).as("read of %s through %s: %s", actor, member.nodeId, answer.message())
			.isEqualTo(200);
		return Math.max(0, answer.value());
	}

	String ownerOf(ProxyProcess member, String actor) {
		Matcher owner = Pattern.compile("\"owner\":\"([^\"]+)\"").matcher(actuator(member, "/actuator/cluster/" + this.system + "/" + actor));
		assertThat(owner.find()).isTrue();
		return owner.group(1);
	}

	boolean activeOn(ProxyProcess member, String actor) {
		return actuator(member, "/actuator/cluster/" + this.system + "/" + actor).contains("\"activeHere\":true");
	}

	List<String> viewOf(ProxyProcess member) {
		String body = actuator(member, "/actuator/cluster");
		List<String> nodes = new ArrayList<>();
		Matcher node = Pattern.compile("\\{\"node\":\"([^\"]+)\",\"address\"").matcher(body);
		while (node.find()) {
			nodes.add(node.group(1));
		}
		return nodes;
	}

	String actuator(ProxyProcess member, String path) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(member.base() + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A call's HTTP status (-1 when the member did not accept the connection or answer in time) and its value. */
	record Answer(int status, long value, String message) {
	}

}
