package io.spawn.internal.runtime;

import static io.spawn.internal.runtime.RuntimeFixture.SYSTEM;
import static io.spawn.internal.runtime.RuntimeFixture.actor;
import static io.spawn.internal.runtime.RuntimeFixture.named;
import static io.spawn.internal.runtime.RuntimeFixture.request;
import static io.spawn.internal.runtime.RuntimeFixture.subscribe;
import static io.spawn.internal.runtime.RuntimeFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.Forward;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.Pipe;
import io.spawn.protocol.SideEffect;
import io.spawn.protocol.Workflow;
import io.spawn.protocol.actors.Kind;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActorRuntimeWorkflowTests {

	private final RuntimeFixture fixture = new RuntimeFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private static Workflow sideEffect(InvocationRequest.Builder request) {
		return Workflow.newBuilder().addEffects(SideEffect.newBuilder().setRequest(request)).build();
	}

	@Test
	void sideEffectRunsAfterTheReplyWithCallerAndMetadata() throws Exception {
		CountDownLatch auditMayFinish = new CountDownLatch(1);
		this.fixture.host
			.on("counter", "add", (i) -> ScriptedHost.add(i).toBuilder()
				.setWorkflow(sideEffect(request("audit", "record").setValue(i.getValue())))
				.build())
			.on("audit", "record", (i) -> {
				auditMayFinish.await(5, TimeUnit.SECONDS);
				return ScriptedHost.add(i);
			});
		this.fixture.register(named("counter", "add"), named("audit", "record"));

		InvocationResult result = this.fixture.runtime.invoke(request("counter", "add")
			.setValue(ScriptedHost.number(5))
			.putMetadata("traceparent", "00-trace-span-01")
			.build());
		assertThat(value(result)).as("replied while the side effect is still running").isEqualTo(5);

		auditMayFinish.countDown();
		await().untilAsserted(() -> assertThat(value(this.fixture.call("audit", "get"))).isEqualTo(5));
		ActorInvocation audit = this.fixture.host.received("audit").get(0);
		assertThat(audit.getCaller().getName()).isEqualTo("counter");
		assertThat(audit.getCurrentContext().getMetadataMap()).containsEntry("traceparent", "00-trace-span-01");
	}

	@Test
	void delayedSideEffectFiresAtItsTime() {
		long due = this.fixture.clock.millis() + 3_000;
		this.fixture.host
			.on("counter", "add", (i) -> ScriptedHost.add(i).toBuilder()
				.setWorkflow(sideEffect(request("audit", "record").setValue(i.getValue()).setScheduledTo(due)))
				.build())
			.on("audit", "record", ScriptedHost::add);
		this.fixture.register(named("counter", "add"), named("audit", "record"));
		this.fixture.call("counter", "add", 2);

		this.fixture.advance(Duration.ofMillis(2_999));
		assertThat(this.fixture.host.received("audit")).isEmpty();
		this.fixture.advance(Duration.ofMillis(1));
		await().until(() -> this.fixture.host.received("audit").size() == 1);
		assertThat(this.fixture.host.received("audit").get(0).getCurrentContext().getMetadataMap())
			.containsKey(ScheduledInvocation.ID_METADATA);
	}

	@Test
	void broadcastReachesEverySubscriberWithItsAction() {
		this.fixture.host
			.on("ticker", "publish", (i) -> ScriptedHost.answer(i, ScriptedHost.number(0))
				.setWorkflow(Workflow.newBuilder()
					.setBroadcast(Broadcast.newBuilder().setChannelGroup("prices").setValue(i.getValue())))
				.build())
			.on("dashboard", "onPrice", ScriptedHost::add)
			.on("archive", "receive", ScriptedHost::add)
			.on("portfolio", "onPrice", ScriptedHost::add)
			.on("bystander", "receive", ScriptedHost::add);
		this.fixture.register(named("ticker", "publish"), subscribe(named("dashboard", "onPrice"), "prices", "onPrice"),
				subscribe(named("archive", "receive"), "prices", null),
				subscribe(actor("portfolio", Kind.UNNAMED, "onPrice"), "prices", "onPrice"),
				subscribe(named("bystander", "receive"), "news", null));
		this.fixture.runtime.invoke(request("p-1", "get").setRegisterRef("portfolio").build());
		this.fixture.runtime.invoke(request("p-2", "get").setRegisterRef("portfolio").build());

		this.fixture.call("ticker", "publish", 42);

		await().untilAsserted(() -> {
			assertThat(this.fixture.host.actions("dashboard")).containsExactly("onPrice");
			assertThat(this.fixture.host.actions("archive")).containsExactly("receive");
			assertThat(this.fixture.host.actions("p-1")).containsExactly("onPrice");
			assertThat(this.fixture.host.actions("p-2")).containsExactly("onPrice");
		});
		assertThat(value(this.fixture.call("dashboard", "get"))).isEqualTo(42);
		assertThat(this.fixture.host.received("dashboard").get(0).getCaller().getName()).isEqualTo("ticker");
		assertThat(this.fixture.host.received("bystander")).isEmpty();
	}

	@Test
	void pipeSendsTheOutputOnAndReturnsTheLastActorsReply() {
		this.fixture.host
			.on("router", "route", (i) -> ScriptedHost.answer(i, ScriptedHost.number(ScriptedHost.input(i) * 10))
				.setWorkflow(Workflow.newBuilder().setPipe(Pipe.newBuilder().setActor("acct").setActionName("deposit")))
				.build())
			.on("acct", "deposit", ScriptedHost::add);
		this.fixture.register(named("router", "route"), named("acct", "deposit"));

		InvocationResult result = this.fixture.call("router", "route", 3);

		assertThat(result.ok()).isTrue();
		assertThat(value(result)).as("acct's reply to router's output 30").isEqualTo(30);
		assertThat(result.response().getActor().getId().getName()).isEqualTo("acct");
		assertThat(this.fixture.host.received("acct").get(0).getCaller().getName()).isEqualTo("router");
	}

	@Test
	void forwardSendsTheInputOnAndReturnsTheLastActorsReply() {
		this.fixture.host
			.on("router", "route", (i) -> ScriptedHost.answer(i, ScriptedHost.number(-1))
				.setWorkflow(Workflow.newBuilder()
					.setForward(Forward.newBuilder().setActor("acct-7").setActionName("deposit").setRegisterRef("account")))
				.build())
			.on("account", "deposit", ScriptedHost::add);
		this.fixture.register(named("router", "route"), actor("account", Kind.UNNAMED, "deposit"));

		InvocationResult result = this.fixture.runtime
			.invoke(request("router", "route").setValue(ScriptedHost.number(3)).putMetadata("tenant", "t1").build());

		assertThat(value(result)).as("acct-7's reply to router's input 3").isEqualTo(3);
		assertThat(this.fixture.host.received("acct-7").get(0).getCurrentContext().getMetadataMap())
			.containsEntry("tenant", "t1");
	}

	@Test
	void aPipeOrForwardTargetSeesOnlyTheMetadataTheCallerSent() {
		this.fixture.host
			.on("router", "route", (i) -> ScriptedHost.answer(i, ScriptedHost.number(1))
				.setWorkflow(Workflow.newBuilder().setPipe(Pipe.newBuilder().setActor("acct").setActionName("deposit")))
				.build())
			.on("acct", "deposit", ScriptedHost::add);
		this.fixture.register(named("router", "route"), named("acct", "deposit"));

		this.fixture.runtime.invoke(request("router", "route").setValue(ScriptedHost.number(1)).putMetadata("tenant", "t1").build());
		this.fixture.runtime.invoke(request("router", "route").setValue(ScriptedHost.number(1))
			.putMetadata(ActorRuntime.REQUEST_TIMEOUT, "5000")
			.build());

		assertThat(this.fixture.host.received("acct").get(0).getCurrentContext().getMetadataMap())
			.as("the deadline travels in the runtime's envelope, not as user metadata")
			.containsEntry("tenant", "t1")
			.doesNotContainKey(ActorRuntime.REQUEST_TIMEOUT);
		assertThat(this.fixture.host.received("acct").get(1).getCurrentContext().getMetadataMap())
			.as("a caller's own entry reaches the target unchanged")
			.containsEntry(ActorRuntime.REQUEST_TIMEOUT, "5000");
	}

	@Test
	void pipeThroughSeveralActorsReturnsTheLastReply() {
		this.fixture.host
			.on("first", "go", (i) -> ScriptedHost.answer(i, ScriptedHost.number(ScriptedHost.input(i) + 1))
				.setWorkflow(Workflow.newBuilder().setPipe(Pipe.newBuilder().setActor("second").setActionName("go")))
				.build())
			.on("second", "go", (i) -> ScriptedHost.answer(i, ScriptedHost.number(ScriptedHost.input(i) * 2))
				.setWorkflow(Workflow.newBuilder().setPipe(Pipe.newBuilder().setActor("third").setActionName("go")))
				.build())
			.on("third", "go", (i) -> ScriptedHost.answer(i, ScriptedHost.number(ScriptedHost.input(i) - 3)).build());
		this.fixture.register(named("first", "go"), named("second", "go"), named("third", "go"));

		assertThat(value(this.fixture.call("first", "go", 4))).isEqualTo((4 + 1) * 2 - 3);
	}

	@Test
	void pipeToAnUnknownActorFailsTheOriginalCall() {
		this.fixture.host.on("router", "route", (i) -> ScriptedHost.answer(i, ScriptedHost.number(1))
			.setWorkflow(Workflow.newBuilder().setPipe(Pipe.newBuilder().setActor("nobody").setActionName("x")))
			.build());
		this.fixture.register(named("router", "route"));
		InvocationResult result = this.fixture.call("router", "route");
		assertThat(result.status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
		assertThat(result.message()).contains("nobody");
	}

	@Test
	void pipeFromAnActorToItselfIsNotAReentrantCall() {
		this.fixture.host.on("loop", "once", (i) -> ScriptedHost.answer(i, ScriptedHost.number(5))
			.setWorkflow(Workflow.newBuilder().setPipe(Pipe.newBuilder().setActor("loop").setActionName("add")))
			.build()).on("loop", "add", ScriptedHost::add);
		this.fixture.register(named("loop", "once", "add"));
		assertThat(value(this.fixture.call("loop", "once"))).isEqualTo(5);
		assertThat(value(this.fixture.call("loop", "get"))).isEqualTo(5);
	}

	@Test
	void asyncCallStillRunsItsPipe() {
		this.fixture.host
			.on("router", "route", (i) -> ScriptedHost.answer(i, ScriptedHost.number(7))
				.setWorkflow(Workflow.newBuilder().setPipe(Pipe.newBuilder().setActor("acct").setActionName("deposit")))
				.build())
			.on("acct", "deposit", ScriptedHost::add);
		this.fixture.register(named("router", "route"), named("acct", "deposit"));
		this.fixture.runtime.invoke(request("router", "route").setAsync(true).build());
		await().untilAsserted(() -> assertThat(value(this.fixture.call("acct", "get"))).isEqualTo(7));
		assertThat(SYSTEM).isNotEmpty();
	}

}
