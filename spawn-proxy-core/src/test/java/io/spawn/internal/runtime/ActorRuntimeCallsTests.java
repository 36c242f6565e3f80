package io.spawn.internal.runtime;

import static io.spawn.internal.runtime.RuntimeFixture.SYSTEM;
import static io.spawn.internal.runtime.RuntimeFixture.actor;
import static io.spawn.internal.runtime.RuntimeFixture.named;
import static io.spawn.internal.runtime.RuntimeFixture.request;
import static io.spawn.internal.runtime.RuntimeFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spawn.internal.host.HostException;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.Status;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActorRuntimeCallsTests {

	private final RuntimeFixture fixture = new RuntimeFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void namedActorKeepsStateAcrossCalls() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));

		assertThat(value(this.fixture.call("counter", "add", 5))).isEqualTo(5);
		InvocationResult second = this.fixture.call("counter", "add", 7);

		assertThat(second.status()).isEqualTo(InvocationStatus.OK);
		assertThat(second.response().getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(value(second)).isEqualTo(12);
		assertThat(second.response().getActor().getId().getName()).isEqualTo("counter");
	}

	@Test
	void registrationAnswersProxyInfoAndIsIdempotent() {
		RegistrationRequest request = RegistrationRequest.newBuilder()
			.setActorSystem(ActorSystem.newBuilder()
				.setName(SYSTEM)
				.setRegistry(Registry.newBuilder().putActors("counter", named("counter", "add").build())))
			.build();
		RegistrationResponse first = this.fixture.runtime.register(request);
		RegistrationResponse second = this.fixture.runtime.register(request);

		assertThat(first.getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(first.getProxyInfo().getProtocolMajorVersion()).isEqualTo(1);
		assertThat(first.getProxyInfo().getProtocolMinorVersion()).isEqualTo(2);
		assertThat(second).isEqualTo(first);
	}

	@Test
	void registrationWithoutSystemNameIsRejected() {
		assertThatThrownBy(() -> this.fixture.runtime.register(RegistrationRequest.getDefaultInstance()))
			.isInstanceOfSatisfying(SpawnException.class,
					(ex) -> assertThat(ex.status()).isEqualTo(InvocationStatus.INVALID_REQUEST))
			.hasMessageContaining("actor_system.name");
	}

	@Test
	void timerWithZeroIntervalIsRejectedAtRegistration() {
		assertThatThrownBy(() -> this.fixture.register(RuntimeFixture.timer(named("ticker", "tick"), "tick", 0)))
			.isInstanceOf(SpawnException.class)
			.hasMessageContaining("timer action 'tick'")
			.hasMessageContaining("must be positive");
	}

	@Test
	void poolWithMaxBelowMinIsRejectedAtRegistration() {
		var pool = actor("workers", Kind.POOLED, "work");
		pool.getSettingsBuilder().setMinPoolSize(4).setMaxPoolSize(2);
		assertThatThrownBy(() -> this.fixture.register(pool)).isInstanceOf(SpawnException.class)
			.hasMessageContaining("max_pool_size 2 below min_pool_size 4");
	}

	@Test
	void unknownActorIsActorNotFound() {
		this.fixture.register(named("counter", "add"));
		InvocationResult result = this.fixture.call("ghost", "add", 1);

		assertThat(result.status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
		assertThat(result.response().getStatus().getStatus()).isEqualTo(Status.ACTOR_NOT_FOUND);
		assertThat(result.message()).isEqualTo("no actor 'ghost' in system 'test-system'");
	}

	@Test
	void unknownSystemIsActorNotFound() {
		InvocationResult result = this.fixture.runtime.invoke(request("counter", "add").setSystem(
				ActorSystem.newBuilder().setName("elsewhere")).clearActor().setActor(
						io.spawn.protocol.actors.Actor.newBuilder().setId(ActorId.newBuilder().setName("counter")))
			.build());
		assertThat(result.status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
	}

	@Test
	void unknownActionIsErrorWithNotFoundCode() {
		this.fixture.register(named("counter", "add"));
		InvocationResult result = this.fixture.call("counter", "explode");

		assertThat(result.status()).isEqualTo(InvocationStatus.ACTION_NOT_FOUND);
		assertThat(result.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(result.message()).isEqualTo("action 'explode' not found on actor 'counter'");
		assertThat(this.fixture.host.received).isEmpty();
	}

	@Test
	void requestWithoutActionNameIsInvalid() {
		this.fixture.register(named("counter", "add"));
		InvocationResult result = this.fixture.runtime.invoke(request("counter", "").build());
		assertThat(result.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
		assertThat(result.message()).contains("action_name is required");
	}

	@Test
	void malformedRequestTimeoutIsInvalid() {
		this.fixture.register(named("counter", "add"));
		InvocationResult result = this.fixture.runtime
			.invoke(request("counter", "add").putMetadata("request-timeout", "soon").build());
		assertThat(result.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
		assertThat(result.message()).contains("request-timeout");
	}

	@Test
	void implicitGetReturnsStateWithoutCallingHost() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));
		this.fixture.call("counter", "add", 41);
		int hostCalls = this.fixture.host.received.size();

		for (String get : new String[] { "get", "Get", "get_state", "getState", "GetState" }) {
			InvocationResult result = this.fixture.call("counter", get);
			assertThat(result.status()).isEqualTo(InvocationStatus.OK);
			assertThat(value(result)).isEqualTo(41);
		}
		assertThat(this.fixture.host.received).hasSize(hostCalls);
	}

	@Test
	void declaredGetActionGoesToTheHost() {
		this.fixture.host.on("counter", "get", (i) -> ScriptedHost.answer(i, ScriptedHost.number(99)).build());
		this.fixture.register(named("counter", "get"));

		assertThat(value(this.fixture.call("counter", "get"))).isEqualTo(99);
		assertThat(this.fixture.host.actions("counter")).containsExactly("get");
	}

	@Test
	void readStateGoesThroughTheMailbox() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));
		this.fixture.call("counter", "add", 3);

		InvocationResult state = this.fixture.runtime.readState(SYSTEM, "counter").join();
		assertThat(value(state)).isEqualTo(3);
		assertThat(this.fixture.runtime.readState(SYSTEM, "ghost").join().status())
			.isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
	}

	@Test
	void metadataAndCallerReachTheHost() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));
		this.fixture.runtime.invoke(request("counter", "add").putMetadata("traceparent", "00-abc-def-01")
			.setCaller(ActorId.newBuilder().setName("web").setSystem(SYSTEM))
			.build());

		ActorInvocation invocation = this.fixture.host.received("counter").get(0);
		assertThat(invocation.getCurrentContext().getMetadataMap()).containsEntry("traceparent", "00-abc-def-01");
		assertThat(invocation.getCaller().getName()).isEqualTo("web");
		assertThat(invocation.getCurrentContext().getCaller().getName()).isEqualTo("web");
		assertThat(invocation.getCurrentContext().getSelf().getName()).isEqualTo("counter");
	}

	@Test
	void replyWithoutStateKeepsTheStateAndTagsRoundTrip() {
		this.fixture.host.on("counter", "add", ScriptedHost::add)
			.on("counter", "tag", (i) -> ScriptedHost.answer(i, ScriptedHost.text("ok"))
				.setUpdatedContext(io.spawn.protocol.Context.newBuilder().putTags("team", "payments"))
				.build())
			.on("counter", "peek", (i) -> ScriptedHost.answer(i, ScriptedHost.text(
					i.getCurrentContext().getTagsMap().getOrDefault("team", "none"))).build());
		this.fixture.register(named("counter", "add", "tag", "peek"));
		this.fixture.call("counter", "add", 8);
		this.fixture.call("counter", "tag");

		assertThat(value(this.fixture.call("counter", "get"))).isEqualTo(8);
		assertThat(ScriptedHost.text(this.fixture.call("counter", "peek").response().getValue()))
			.isEqualTo("payments");
	}

	@Test
	void actionThatThrowsLeavesStateUnchangedAndNextCallWorks() {
		this.fixture.host.on("counter", "add", ScriptedHost::add).on("counter", "boom", (i) -> {
			throw new HostException(HostException.Reason.ACTION_FAILED, "insufficient funds");
		});
		this.fixture.register(named("counter", "add", "boom"));
		this.fixture.call("counter", "add", 10);

		InvocationResult failed = this.fixture.call("counter", "boom", 5);
		assertThat(failed.status()).isEqualTo(InvocationStatus.ACTION_FAILED);
		assertThat(failed.message()).isEqualTo("insufficient funds");

		assertThat(value(this.fixture.call("counter", "get"))).isEqualTo(10);
		assertThat(value(this.fixture.call("counter", "add", 1))).isEqualTo(11);
	}

	@Test
	void hostThrowingAnythingBecomesAnActionFailure() {
		this.fixture.host.on("counter", "npe", (i) -> {
			throw new NullPointerException("user bug");
		});
		this.fixture.register(named("counter", "npe"));
		InvocationResult result = this.fixture.call("counter", "npe");
		assertThat(result.status()).isEqualTo(InvocationStatus.ACTION_FAILED);
		assertThat(result.message()).contains("user bug");
	}

	@Test
	void unreachableHostIsUnavailableAndBadAnswerIsBadResponse() {
		this.fixture.host.on("counter", "down", (i) -> {
			throw new HostException(HostException.Reason.UNAVAILABLE, "connection refused");
		}).on("counter", "garbage", (i) -> {
			throw new HostException(HostException.Reason.BAD_RESPONSE, "truncated message");
		}).on("counter", "null", (i) -> null);
		this.fixture.register(named("counter", "down", "garbage", "null"));

		assertThat(this.fixture.call("counter", "down").status()).isEqualTo(InvocationStatus.UNAVAILABLE);
		assertThat(this.fixture.call("counter", "garbage").status()).isEqualTo(InvocationStatus.BAD_HOST_RESPONSE);
		assertThat(this.fixture.call("counter", "null").status()).isEqualTo(InvocationStatus.BAD_HOST_RESPONSE);
	}

	@Test
	void asyncCallIsAcceptedAtOnceAndRunsLater() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.fixture.host.on("counter", "slowAdd", (i) -> {
			release.await(5, TimeUnit.SECONDS);
			return ScriptedHost.add(i);
		});
		this.fixture.register(named("counter", "slowAdd"));

		InvocationResult accepted = this.fixture.runtime
			.invoke(request("counter", "slowAdd").setValue(ScriptedHost.number(4)).setAsync(true).build());
		assertThat(accepted.status()).isEqualTo(InvocationStatus.OK);
		assertThat(accepted.response().hasNoop()).isTrue();

		release.countDown();
		await().untilAsserted(() -> assertThat(value(this.fixture.call("counter", "get"))).isEqualTo(4));
	}

	@Test
	void callPastItsDeadlineTimesOutAndIsNotRunLater() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.fixture.host.on("counter", "block", (i) -> {
			release.await(5, TimeUnit.SECONDS);
			return ScriptedHost.answer(i, ScriptedHost.number(0)).build();
		}).on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "block", "add"));

		CompletableFuture<InvocationResult> blocking = this.fixture.runtime
			.invokeAsync(request("counter", "block").build());
		await().until(() -> this.fixture.host.received.size() == 1);
		CompletableFuture<InvocationResult> queued = this.fixture.runtime.invokeAsync(
				request("counter", "add").setValue(ScriptedHost.number(1)).putMetadata("request-timeout", "500").build());

		this.fixture.advance(Duration.ofMillis(501));
		InvocationResult timedOut = queued.get(5, TimeUnit.SECONDS);
		assertThat(timedOut.status()).isEqualTo(InvocationStatus.DEADLINE_EXCEEDED);
		assertThat(timedOut.message()).isEqualTo("timed out after 500 ms");

		release.countDown();
		assertThat(blocking.get(5, TimeUnit.SECONDS).status()).isEqualTo(InvocationStatus.OK);
		assertThat(value(this.fixture.call("counter", "get"))).isZero();
		assertThat(this.fixture.host.actions("counter")).containsExactly("block");
	}

	@Test
	void mailboxOverItsLimitRefusesWithTooManyRequests() throws Exception {
		try (RuntimeFixture small = new RuntimeFixture(RuntimeSettings.defaults().withMailboxCapacity(2))) {
			CountDownLatch release = new CountDownLatch(1);
			small.host.on("counter", "block", (i) -> {
				release.await(5, TimeUnit.SECONDS);
				return ScriptedHost.answer(i, ScriptedHost.number(0)).build();
			});
			small.register(named("counter", "block"));
			CompletableFuture<InvocationResult> first = small.runtime.invokeAsync(request("counter", "block").build());
			CompletableFuture<InvocationResult> second = small.runtime
				.invokeAsync(request("counter", "block").build());
			InvocationResult refused = small.call("counter", "block");

			assertThat(refused.status()).isEqualTo(InvocationStatus.MAILBOX_FULL);
			InvocationResult refusedAsync = small.runtime.invoke(request("counter", "block").setAsync(true).build());
			assertThat(refusedAsync.status()).as("an async call is refused too, not accepted and dropped")
				.isEqualTo(InvocationStatus.MAILBOX_FULL);
			release.countDown();
			assertThat(first.get(5, TimeUnit.SECONDS).ok()).isTrue();
			assertThat(second.get(5, TimeUnit.SECONDS).ok()).isTrue();
		}
	}

	@Test
	void taskAndProjectionActorsAreAcceptedButNotCallable() {
		this.fixture.register(actor("job", Kind.TASK, "run"), actor("view", Kind.PROJECTION, "query"));

		InvocationResult task = this.fixture.call("job", "run");
		assertThat(task.status()).isEqualTo(InvocationStatus.NOT_IMPLEMENTED);
		assertThat(task.message()).contains("kind TASK");
		assertThat(this.fixture.call("view", "query").message()).contains("kind PROJECTION");
		assertThat(this.fixture.host.received).isEmpty();
	}

	@Test
	void unknownKindIsTreatedAsNamed() {
		this.fixture.host.on("legacy", "add", ScriptedHost::add);
		this.fixture.register(actor("legacy", Kind.UNKNOW_KIND, "add"));
		this.fixture.call("legacy", "add", 2);
		assertThat(value(this.fixture.call("legacy", "add", 2))).isEqualTo(4);
	}

	@Test
	void unnamedInstanceBySpawnInheritsTheTemplate() {
		this.fixture.host.on("account", "deposit", ScriptedHost::add);
		this.fixture.register(actor("account", Kind.UNNAMED, "deposit"));
		this.fixture.runtime.spawn(SYSTEM, SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setName("acct-1").setSystem(SYSTEM).setParent("account"))
			.build(), null);

		this.fixture.call("acct-1", "deposit", 10);
		assertThat(value(this.fixture.call("acct-1", "deposit", 5))).isEqualTo(15);
		assertThat(this.fixture.host.received("acct-1").get(0).getActor().getParent()).isEqualTo("account");
		assertThat(this.fixture.call("acct-1", "withdraw").status()).isEqualTo(InvocationStatus.ACTION_NOT_FOUND);
	}

	@Test
	void unnamedInstanceIsSpawnedLazilyThroughRegisterRefWithTemplateSettings() {
		this.fixture.host.on("account", "deposit", ScriptedHost::add);
		this.fixture.register(RuntimeFixture.idle(actor("account", Kind.UNNAMED, "deposit"), 1_000));

		InvocationResult first = this.fixture.runtime.invoke(
				request("acct-9", "deposit").setValue(ScriptedHost.number(3)).setRegisterRef("account").build());
		assertThat(first.status()).isEqualTo(InvocationStatus.OK);
		assertThat(value(this.fixture.call("acct-9", "deposit", 4))).as("known without register_ref").isEqualTo(7);

		// The template's idle timeout (1 s, not the 60 s default) applies to the instance.
		this.fixture.advance(Duration.ofMillis(1_001));
		await().until(() -> !this.fixture.runtime.isActive(SYSTEM, "acct-9"));
		assertThat(value(this.fixture.call("acct-9", "get"))).isEqualTo(7);
	}

	@Test
	void unnamedTemplateCannotBeCalledDirectlyOrSpawnedFromUnknownTemplate() {
		this.fixture.register(actor("account", Kind.UNNAMED, "deposit"));
		assertThat(this.fixture.call("account", "deposit").status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
		assertThatThrownBy(() -> this.fixture.runtime.spawn(SYSTEM, SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setName("x").setParent("nope"))
			.build(), null)).isInstanceOfSatisfying(SpawnException.class,
					(ex) -> assertThat(ex.status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND));
		assertThat(this.fixture.runtime.invoke(request("acct-2", "deposit").setRegisterRef("nope").build()).status())
			.isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
	}

	@Test
	void instanceIdNeverReachesAnotherActorOfThatName() {
		this.fixture.host.on("account", "deposit", ScriptedHost::add).on("greeter", "deposit", ScriptedHost::add);
		this.fixture.register(actor("account", Kind.UNNAMED, "deposit"), actor("wallet", Kind.UNNAMED, "deposit"),
				named("greeter", "deposit"));
		InvocationResult clash = this.fixture.runtime
			.invoke(request("greeter", "deposit").setRegisterRef("account").build());
		assertThat(clash.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
		assertThat(clash.message()).contains("is the name of a registered actor");
		assertThat(this.fixture.host.received("greeter")).isEmpty();

		this.fixture.runtime.invoke(request("acct-1", "deposit").setRegisterRef("account").build());
		InvocationResult other = this.fixture.runtime.invoke(request("acct-1", "deposit").setRegisterRef("wallet").build());
		assertThat(other.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
		assertThat(other.message()).contains("belongs to template 'account', not 'wallet'");
	}

	@Test
	void drainingRuntimeRefusesNewCallsWithUnavailable() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));
		this.fixture.runtime.shutdown(Duration.ofSeconds(5));

		InvocationResult result = this.fixture.call("counter", "add", 1);
		assertThat(result.status()).isEqualTo(InvocationStatus.UNAVAILABLE);
	}

	@Test
	void replyIsBuiltFromTheHostsPayload() {
		this.fixture.host.on("echo", "say", (i) -> ActorInvocationResponse.newBuilder()
			.setValue(ScriptedHost.text("hello " + ScriptedHost.text(i.getValue())))
			.build());
		this.fixture.register(named("echo", "say"));
		InvocationResult result = this.fixture.runtime
			.invoke(request("echo", "say").setValue(ScriptedHost.text("world")).build());
		assertThat(ScriptedHost.text(result.response().getValue())).isEqualTo("hello world");
		assertThat(result.response().getSystem().getName()).isEqualTo(SYSTEM);
	}

}
