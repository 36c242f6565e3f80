package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static io.spawn.proxy.ProxyClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.StoredState;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.Context;
import io.spawn.protocol.Forward;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Pipe;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.SideEffect;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.SpawnResponse;
import io.spawn.protocol.Status;
import io.spawn.protocol.Workflow;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.Channel;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Metadata;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The protocol routes end to end: a caller speaks raw protobuf over HTTP to the proxy, which runs the actions in
 * a host that speaks the raw host protocol over HTTP.
 */
class ProtocolIntegrationTests extends ProxyIntegrationTestSupport {

	@Autowired
	ActorRuntime runtime;

	@Autowired
	ActorStateStore store;

	@Autowired
	DataSource dataSource;

	@Test
	void registersAnActorSystemAndReportsTheProxy() {
		HttpResponse<byte[]> response = this.proxy.post("/api/v1/system", ProxyClient.PROTOBUF,
				ProxyClient.registration(this.system, actor("a", Kind.NAMED, "go")).toByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		RegistrationResponse answer = ProxyClient.parse(response, RegistrationResponse.parser());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(answer.getProxyInfo().getProtocolMajorVersion()).isEqualTo(1);
		assertThat(answer.getProxyInfo().getProtocolMinorVersion()).isEqualTo(2);
		assertThat(answer.getProxyInfo().getProxyName()).isEqualTo("spawn-java-proxy");
	}

	@Test
	void invokesANamedActorWhoseStateCarriesOverBetweenCalls() {
		register(actor("counter", Kind.NAMED, "inc"));
		on("counter", "inc", (invocation) -> {
			long count = invocation.getCurrentContext().hasState()
					? invocation.getCurrentContext().getState().unpack(Int64Value.class).getValue() : 0;
			Any next = Any.pack(Int64Value.of(count + 1));
			return TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
				.setUpdatedContext(Context.newBuilder().setState(next))
				.setValue(next));
		});

		ProxyClient.Reply first = this.proxy.invoke(call(this.system, "counter", "inc").build());
		ProxyClient.Reply second = this.proxy.invoke(call(this.system, "counter", "inc").build());

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.response().getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(count(first.response())).isEqualTo(1);
		assertThat(count(second.response())).isEqualTo(2);
		assertThat(second.response().getActor().getId().getName()).isEqualTo("counter");
	}

	@Test
	void keepsTheStateInTheDatabase() {
		register(actor("holder", Kind.NAMED, "set"));
		on("holder", "set", TestHost::setState);

		this.proxy.invoke(call(this.system, "holder", "set", "durable").build());

		// Snapshots are 100 ms apart in this context; the row is Spawn's, in the proxy's own database.
		await().until(() -> snapshotRows("holder"), (rows) -> rows == 1);
	}

	@Test
	void acceptsEveryProtobufContentType() {
		register(actor("echo", Kind.NAMED, "say"));
		on("echo", "say", TestHost::echo);
		byte[] body = call(this.system, "echo", "say", "hi").build().toByteArray();

		for (String type : List.of("application/octet-stream", "application/protobuf", "application/x-protobuf",
				"application/protobuf; proto=spawn.InvocationRequest")) {
			HttpResponse<byte[]> response = this.proxy.post(ProxyClient.invokePath(this.system, "echo"), type, body);
			assertThat(response.statusCode()).as(type).isEqualTo(200);
			assertThat(text(ProxyClient.parse(response, InvocationResponse.parser()).getValue())).isEqualTo("hi");
		}
	}

	@Test
	void fillsSystemAndActorFromThePathWhenTheBodyLeavesThemOut() {
		register(actor("echo", Kind.NAMED, "say"));
		on("echo", "say", TestHost::echo);
		InvocationRequest bare = InvocationRequest.newBuilder().setActionName("say").setValue(text("from path")).build();

		ProxyClient.Reply reply = this.proxy.invoke(this.system, "echo", bare);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).isEqualTo("from path");
	}

	@Test
	void theBodyIsAuthoritativeOverThePath() {
		register(actor("real", Kind.NAMED, "say"), actor("decoy", Kind.NAMED, "say"));
		on("real", "say", TestHost::echo);
		on("decoy", "say", TestHost::echo);

		ProxyClient.Reply reply = this.proxy.invoke("some-other-system", "decoy",
				call(this.system, "real", "say", "x").build());

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.response().getActor().getId().getName()).isEqualTo("real");
		assertThat(received("decoy")).isEmpty();
	}

	@Test
	void invokesAnUnnamedInstanceCreatedBySpawn() {
		register(actor("template", Kind.UNNAMED, "say"));
		on("template", "say", TestHost::echo);

		SpawnResponse spawned = spawn("instance-1", "template", null);
		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "instance-1", "say", "hello").build());

		assertThat(spawned.getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).isEqualTo("hello");
		assertThat(received("instance-1")).singleElement()
			.satisfies((received) -> assertThat(received.invocation().getActor().getParent()).isEqualTo("template"));
	}

	@Test
	void invokesAnUnnamedInstanceCreatedThroughRegisterRef() {
		register(actor("template", Kind.UNNAMED, "say"));
		on("template", "say", TestHost::echo);

		ProxyClient.Reply reply = this.proxy
			.invoke(call(this.system, "by-ref", "say", "hello").setRegisterRef("template").build());

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).isEqualTo("hello");
		assertThat(received("by-ref")).singleElement()
			.satisfies((received) -> assertThat(received.invocation().getActor().getParent()).isEqualTo("template"));
	}

	@Test
	void spreadsCallsToAPooledActorOverConcurrentWorkers() {
		var pooled = actor("pool", Kind.POOLED, "work");
		pooled.getSettingsBuilder().setMinPoolSize(1).setMaxPoolSize(4);
		register(pooled);
		CountDownLatch allInside = new CountDownLatch(3);
		on("pool", "work", (invocation) -> {
			allInside.countDown();
			allInside.await(10, TimeUnit.SECONDS);
			return TestHost.echo(invocation);
		});

		List<CompletableFuture<ProxyClient.Reply>> replies = List.of(
				this.proxy.invokeAsync(call(this.system, "pool", "work", "1").build()),
				this.proxy.invokeAsync(call(this.system, "pool", "work", "2").build()),
				this.proxy.invokeAsync(call(this.system, "pool", "work", "3").build()));

		assertThat(replies).allSatisfy((reply) -> assertThat(reply.join().status()).isEqualTo(200));
		assertThat(replies.stream().map((reply) -> reply.join().text())).containsExactlyInAnyOrder("1", "2", "3");
		// Had the pool run one call at a time, the three would never have been inside the host together.
		assertThat(allInside.getCount()).isZero();
	}

	@Test
	void spawnWithRevisionRestoresThatSnapshotAtTheNextActivation() {
		register(ProxyClient.withTimeouts(actor("versioned", Kind.UNNAMED, "set"), 300, 50));
		on("versioned", "set", TestHost::setState);
		ActorKey key = new ActorKey(this.system, "doc");
		spawn("doc", "versioned", null);

		this.proxy.invoke(call(this.system, "doc", "set", "first").build());
		await().until(() -> revision(key), (revision) -> revision == 1);
		this.proxy.invoke(call(this.system, "doc", "set", "second").build());
		await().until(() -> revision(key), (revision) -> revision == 2);
		await().until(() -> !this.runtime.isActive(this.system, "doc"));

		SpawnResponse restored = spawn("doc", "versioned", 1L);
		ProxyClient.Reply state = this.proxy.invoke(call(this.system, "doc", "get").build());

		assertThat(restored.getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(state.status()).isEqualTo(200);
		assertThat(state.text()).isEqualTo("first");
	}

	@Test
	void anAsyncCallIsAcceptedAtOnceAndRunsAfterwards() {
		register(actor("worker", Kind.NAMED, "work"));
		CountDownLatch release = new CountDownLatch(1);
		on("worker", "work", (invocation) -> {
			release.await(10, TimeUnit.SECONDS);
			return TestHost.echo(invocation);
		});

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "worker", "work", "later").setAsync(true).build());

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.response().getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(reply.response().hasValue()).isFalse();
		release.countDown();
		await().until(() -> received("worker", "work"), (received) -> received.size() == 1);
		assertThat(text(received("worker", "work").get(0).invocation().getValue())).isEqualTo("later");
	}

	@Test
	void aDelayedCallRunsAtOrAfterItsTime() {
		register(actor("alarm", Kind.NAMED, "ring"));
		on("alarm", "ring", TestHost::echo);
		long due = System.currentTimeMillis() + 400;

		ProxyClient.Reply reply = this.proxy
			.invoke(call(this.system, "alarm", "ring", "wake").setScheduledTo(due).build());

		assertThat(reply.status()).isEqualTo(200);
		await().until(() -> received("alarm", "ring"), (received) -> received.size() == 1);
		TestHost.Received ring = received("alarm", "ring").get(0);
		assertThat(ring.receivedAtMillis()).isGreaterThanOrEqualTo(due);
		assertThat(text(ring.invocation().getValue())).isEqualTo("wake");
	}

	@Test
	void runsSideEffectsAfterTheReply() {
		register(actor("a", Kind.NAMED, "go"), actor("b", Kind.NAMED, "note"));
		on("a", "go", (invocation) -> TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
			.setValue(text("done"))
			.setWorkflow(Workflow.newBuilder()
				.addEffects(SideEffect.newBuilder().setRequest(call(this.system, "b", "note", "effect").build())))));
		on("b", "note", TestHost::echo);

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "a", "go").build());

		assertThat(reply.text()).isEqualTo("done");
		await().until(() -> received("b", "note"), (received) -> received.size() == 1);
		TestHost.Received note = received("b", "note").get(0);
		assertThat(text(note.invocation().getValue())).isEqualTo("effect");
		assertThat(note.invocation().getCaller().getName()).isEqualTo("a");
	}

	@Test
	void broadcastsToEverySubscriberOfTheChannel() {
		var listenerA = actor("listener-a", Kind.NAMED, "hear")
			.setMetadata(Metadata.newBuilder().addChannelGroup(Channel.newBuilder().setTopic("news").setAction("hear")));
		var listenerB = actor("listener-b", Kind.NAMED, "hear")
			.setMetadata(Metadata.newBuilder().addChannelGroup(Channel.newBuilder().setTopic("news").setAction("hear")));
		register(actor("publisher", Kind.NAMED, "publish"), listenerA, listenerB, actor("deaf", Kind.NAMED, "hear"));
		on("publisher", "publish", (invocation) -> TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
			.setNoop(io.spawn.protocol.Noop.getDefaultInstance())
			.setWorkflow(Workflow.newBuilder()
				.setBroadcast(Broadcast.newBuilder().setChannelGroup("news").setValue(text("extra!"))))));
		on("listener-a", "hear", TestHost::echo);
		on("listener-b", "hear", TestHost::echo);

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "publisher", "publish").build());

		assertThat(reply.status()).isEqualTo(200);
		await().until(() -> received("listener-a", "hear").size() + received("listener-b", "hear").size(),
				(count) -> count == 2);
		assertThat(text(received("listener-b", "hear").get(0).invocation().getValue())).isEqualTo("extra!");
		assertThat(received("deaf")).isEmpty();
	}

	@Test
	void pipesTheOutputToAnotherActorWhoseReplyTheCallerGets() {
		register(actor("first", Kind.NAMED, "compute"), actor("second", Kind.NAMED, "finish"));
		on("first", "compute", (invocation) -> TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
			.setValue(text("computed"))
			.setWorkflow(Workflow.newBuilder().setPipe(Pipe.newBuilder().setActor("second").setActionName("finish")))));
		on("second", "finish",
				(invocation) -> TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
					.setValue(text(text(invocation.getValue()) + " and finished"))));

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "first", "compute", "input").build());

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).isEqualTo("computed and finished");
	}

	@Test
	void forwardsTheInputToAnotherActorWhoseReplyTheCallerGets() {
		register(actor("front", Kind.NAMED, "route"), actor("back", Kind.NAMED, "finish"));
		on("front", "route", (invocation) -> TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
			.setValue(text("ignored"))
			.setWorkflow(Workflow.newBuilder()
				.setForward(Forward.newBuilder().setActor("back").setActionName("finish")))));
		on("back", "finish",
				(invocation) -> TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
					.setValue(text(text(invocation.getValue()) + " handled by back"))));

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "front", "route", "original").build());

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).isEqualTo("original handled by back");
	}

	@Test
	void implicitGetAnswersTheStateWithoutCallingTheHost() {
		register(actor("holder", Kind.NAMED, "set"));
		on("holder", "set", TestHost::setState);
		this.proxy.invoke(call(this.system, "holder", "set", "kept").build());

		ProxyClient.Reply get = this.proxy.invoke(call(this.system, "holder", "get").build());
		ProxyClient.Reply getState = this.proxy.invoke(call(this.system, "holder", "getState").build());

		assertThat(get.status()).isEqualTo(200);
		assertThat(get.text()).isEqualTo("kept");
		assertThat(getState.text()).isEqualTo("kept");
		assertThat(received("holder")).extracting((received) -> received.invocation().getActionName())
			.containsExactly("set");
	}

	@Test
	void theReadStateRouteAnswersTheCurrentState() {
		register(actor("holder", Kind.NAMED, "set"));
		on("holder", "set", TestHost::setState);
		this.proxy.invoke(call(this.system, "holder", "set", "current").build());

		HttpResponse<byte[]> response = this.proxy.get("/api/v1/system/" + this.system + "/actors/holder");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		InvocationResponse answer = ProxyClient.parse(response, InvocationResponse.parser());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(text(answer.getValue())).isEqualTo("current");
		assertThat(received("holder")).hasSize(1);
	}

	@Test
	void theReadStateRouteAnswers404ForAnUnknownActor() {
		register(actor("holder", Kind.NAMED, "set"));

		HttpResponse<byte[]> response = this.proxy.get("/api/v1/system/" + this.system + "/actors/nobody");

		assertThat(response.statusCode()).isEqualTo(404);
		InvocationResponse answer = ProxyClient.parse(response, InvocationResponse.parser());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ACTOR_NOT_FOUND);
		assertThat(answer.getStatus().getMessage()).contains("nobody");
	}

	@Test
	void theDeleteStateRouteRemovesTheStoredStateAndTheNextCallStartsAfresh() {
		register(ProxyClient.withTimeouts(actor("erasable", Kind.NAMED, "set"), 60_000, 50));
		on("erasable", "set", TestHost::setState);
		ActorKey key = new ActorKey(this.system, "erasable");
		this.proxy.invoke(call(this.system, "erasable", "set", "first").build());
		await().until(() -> revision(key), (revision) -> revision == 1);
		this.proxy.invoke(call(this.system, "erasable", "set", "second").build());
		await().until(() -> revision(key), (revision) -> revision == 2);

		HttpResponse<byte[]> response = this.proxy.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(this.proxy.base() + "/api/v1/system/" + this.system + "/actors/erasable/state"))
			.DELETE()
			.build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Spawn-Status")).hasValue("OK");
		InvocationResponse answer = ProxyClient.parse(response, InvocationResponse.parser());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(this.store.load(key)).isEmpty();
		assertThat(this.store.load(key, 1)).as("history goes with the snapshot").isEmpty();
		ProxyClient.Reply state = this.proxy.invoke(call(this.system, "erasable", "get").build());
		assertThat(state.status()).isEqualTo(200);
		assertThat(state.response().hasValue()).as("the next call starts from no state").isFalse();
	}

	@Test
	void theDeleteStateRouteAnswers404ForAnUnknownActorAnd400ForAStatelessOne() {
		register(actor("pool", Kind.POOLED, "work"));

		HttpResponse<byte[]> unknown = this.proxy.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(this.proxy.base() + "/api/v1/system/" + this.system + "/actors/nobody/state"))
			.DELETE()
			.build());
		HttpResponse<byte[]> stateless = this.proxy.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(this.proxy.base() + "/api/v1/system/" + this.system + "/actors/pool/state"))
			.DELETE()
			.build());

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Spawn-Status")).hasValue("ACTOR_NOT_FOUND");
		assertThat(ProxyClient.parse(unknown, InvocationResponse.parser()).getStatus().getStatus())
			.isEqualTo(Status.ACTOR_NOT_FOUND);
		assertThat(stateless.statusCode()).isEqualTo(400);
		assertThat(stateless.headers().firstValue("Spawn-Status")).hasValue("INVALID_REQUEST");
		assertThat(ProxyClient.parse(stateless, InvocationResponse.parser()).getStatus().getMessage())
			.contains("not stateful");
	}

	@Test
	void forwardsTheTraceparentHeaderInTheMetadata() {
		register(actor("traced", Kind.NAMED, "go"));
		on("traced", "go", TestHost::echo);
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

		HttpResponse<byte[]> response = this.proxy.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(this.proxy.base() + ProxyClient.invokePath(this.system, "traced")))
			.header("Content-Type", ProxyClient.PROTOBUF)
			.header("traceparent", traceparent)
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofByteArray(call(this.system, "traced", "go").build().toByteArray()))
			.build());

		assertThat(response.statusCode()).isEqualTo(200);
		TestHost.Received received = received("traced", "go").get(0);
		assertThat(received.invocation().getCurrentContext().getMetadataMap()).containsEntry("traceparent",
				traceparent);
		assertThat(received.traceparent()).isEqualTo(traceparent);
	}

	@Test
	void metadataTraceparentWinsOverTheHeader() {
		register(actor("traced", Kind.NAMED, "go"));
		on("traced", "go", TestHost::echo);
		String own = "00-11111111111111111111111111111111-2222222222222222-01";

		this.proxy.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(this.proxy.base() + ProxyClient.invokePath(this.system, "traced")))
			.header("Content-Type", ProxyClient.PROTOBUF)
			.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofByteArray(call(this.system, "traced", "go").putMetadata("traceparent", own).build().toByteArray()))
			.build());

		TestHost.Received received = received("traced", "go").get(0);
		assertThat(received.invocation().getCurrentContext().getMetadataMap()).containsEntry("traceparent", own);
	}

	@Test
	void keepsConnectionsToTheHostAlive() {
		register(actor("echo", Kind.NAMED, "say"));
		on("echo", "say", TestHost::echo);

		for (int i = 0; i < 5; i++) {
			assertThat(this.proxy.invoke(call(this.system, "echo", "say", "n" + i).build()).status()).isEqualTo(200);
		}

		assertThat(received("echo").stream().map(TestHost.Received::remotePort).distinct()).hasSize(1);
	}

	private SpawnResponse spawn(String instance, String template, Long revision) {
		SpawnRequest request = SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setSystem(this.system).setName(instance).setParent(template))
			.build();
		String path = "/api/v1/system/" + this.system + "/actors/spawn" + ((revision != null) ? "?revision=" + revision : "");
		HttpResponse<byte[]> response = this.proxy.post(path, ProxyClient.PROTOBUF, request.toByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		return ProxyClient.parse(response, SpawnResponse.parser());
	}

	private int snapshotRows(String actor) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement query = connection.prepareStatement(
						"select count(*) from spawn_actor_snapshot where actor_system = ? and actor_name = ?")) {
			query.setString(1, this.system);
			query.setString(2, actor);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private long revision(ActorKey key) {
		return this.store.load(key).map(StoredState::revision).orElse(0L);
	}

	private static long count(InvocationResponse response) throws RuntimeException {
		try {
			return response.getValue().unpack(Int64Value.class).getValue();
		}
		catch (com.google.protobuf.InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
