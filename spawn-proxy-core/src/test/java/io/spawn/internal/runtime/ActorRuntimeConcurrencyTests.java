package io.spawn.internal.runtime;

import static io.spawn.internal.runtime.RuntimeFixture.SYSTEM;
import static io.spawn.internal.runtime.RuntimeFixture.actor;
import static io.spawn.internal.runtime.RuntimeFixture.named;
import static io.spawn.internal.runtime.RuntimeFixture.request;
import static io.spawn.internal.runtime.RuntimeFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActorRuntimeConcurrencyTests {

	private final RuntimeFixture fixture = new RuntimeFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void tenThousandConcurrentCallsOnOneActorRunOneAtATime() throws Exception {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));
		ExecutorService callers = Executors.newFixedThreadPool(100);
		try {
			List<Future<?>> done = new ArrayList<>();
			CountDownLatch start = new CountDownLatch(1);
			for (int thread = 0; thread < 100; thread++) {
				done.add(callers.submit(() -> {
					start.await();
					for (int call = 0; call < 100; call++) {
						InvocationResult result = this.fixture.call("counter", "add", 1);
						assertThat(result.status()).isEqualTo(InvocationStatus.OK);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(value(this.fixture.call("counter", "get"))).isEqualTo(10_000);
		assertThat(this.fixture.host.maxInFlight("counter")).isEqualTo(1);
		assertThat(this.fixture.host.received("counter")).hasSize(10_000);
	}

	@Test
	void callsFromOneCallerRunInArrivalOrder() throws Exception {
		this.fixture.host.on("log", "append",
				(i) -> ScriptedHost.reply(i, ScriptedHost.state(i) * 1000 + ScriptedHost.input(i) % 1000,
						ScriptedHost.number(0)).build());
		this.fixture.register(named("log", "append"));
		List<CompletableFuture<InvocationResult>> calls = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			calls.add(this.fixture.runtime.invokeAsync(
					request("log", "append").setValue(ScriptedHost.number(i)).setAsync(i % 2 == 0).build()));
		}
		for (CompletableFuture<InvocationResult> call : calls) {
			assertThat(call.get(10, TimeUnit.SECONDS).ok()).isTrue();
		}
		await().until(() -> this.fixture.host.received("log").size() == 500);
		List<Long> seen = this.fixture.host.received("log").stream().map(ScriptedHost::input).toList();
		assertThat(seen).isSorted().hasSize(500);
	}

	@Test
	void manyActorsRunInParallelWhileEachStaysSerial() throws Exception {
		CountDownLatch allInside = new CountDownLatch(8);
		this.fixture.host.on("counter", "meet", (i) -> {
			allInside.countDown();
			allInside.await(5, TimeUnit.SECONDS);
			return ScriptedHost.add(i);
		});
		this.fixture.register(actor("counter", Kind.UNNAMED, "meet"));
		List<CompletableFuture<InvocationResult>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			calls.add(this.fixture.runtime
				.invokeAsync(request("c" + i, "meet").setValue(ScriptedHost.number(1)).setRegisterRef("counter").build()));
		}
		assertThat(allInside.await(5, TimeUnit.SECONDS)).as("eight actors inside the host at once").isTrue();
		for (CompletableFuture<InvocationResult> call : calls) {
			assertThat(call.get(5, TimeUnit.SECONDS).ok()).isTrue();
		}
	}

	@Test
	void pooledCallsRunInParallelUpToTheMaximumAndNoFurther() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.fixture.host.on("workers", "work", (i) -> {
			release.await(5, TimeUnit.SECONDS);
			return ScriptedHost.answer(i, ScriptedHost.number(ScriptedHost.input(i))).build();
		});
		var pool = actor("workers", Kind.POOLED, "work");
		pool.getSettingsBuilder().setMinPoolSize(1).setMaxPoolSize(3);
		this.fixture.register(pool);

		List<CompletableFuture<InvocationResult>> calls = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			calls.add(this.fixture.runtime
				.invokeAsync(request("workers", "work").setValue(ScriptedHost.number(i)).build()));
		}
		await().until(() -> this.fixture.host.inFlight.containsKey("workers")
				&& this.fixture.host.inFlight.get("workers").get() == 3);
		assertThat(this.fixture.runtime.queuedCalls()).isEqualTo(9);
		release.countDown();
		List<Long> answers = new ArrayList<>();
		for (CompletableFuture<InvocationResult> call : calls) {
			InvocationResult result = call.get(5, TimeUnit.SECONDS);
			assertThat(result.ok()).isTrue();
			answers.add(value(result));
		}
		assertThat(answers).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
		assertThat(this.fixture.host.maxInFlight("workers")).isEqualTo(3);
	}

	@Test
	void reentrantCallChainFailsFastInsteadOfDeadlocking() throws Exception {
		// A calls B synchronously from its turn; B calls A back synchronously: A is waiting, so this must fail.
		this.fixture.host.on("a", "start", (i) -> {
			InvocationResult fromB = this.fixture.runtime.invoke(request("b", "relay").setCaller(i.getActor()).build());
			return ScriptedHost.answer(i, ScriptedHost.text(fromB.response().getValue().getTypeUrl().isEmpty()
					? "b failed" : ScriptedHost.text(fromB.response().getValue()))).build();
		}).on("b", "relay", (i) -> {
			InvocationResult fromA = this.fixture.runtime.invoke(request("a", "start").setCaller(i.getActor()).build());
			return ScriptedHost.answer(i, ScriptedHost.text(fromA.status() + ": " + fromA.message())).build();
		});
		this.fixture.register(named("a", "start"), named("b", "relay"));

		InvocationResult result = this.fixture.runtime.invokeAsync(request("a", "start").build())
			.get(5, TimeUnit.SECONDS);

		assertThat(result.ok()).isTrue();
		assertThat(ScriptedHost.text(result.response().getValue())).startsWith("REENTRANT_CALL: reentrant call: actor 'a'")
			.contains("(a -> b -> a)");
	}

	@Test
	void synchronousSelfCallFailsFast() throws Exception {
		this.fixture.host.on("a", "loop", (i) -> {
			InvocationResult self = this.fixture.runtime.invoke(request("a", "loop").setCaller(i.getActor()).build());
			return ScriptedHost.answer(i, ScriptedHost.text(self.status().name())).build();
		});
		this.fixture.register(named("a", "loop"));
		InvocationResult result = this.fixture.runtime.invokeAsync(request("a", "loop").build())
			.get(5, TimeUnit.SECONDS);
		assertThat(ScriptedHost.text(result.response().getValue())).isEqualTo("REENTRANT_CALL");
	}

	@Test
	void nestedCallsBetweenDifferentActorsAreNotReentrant() throws Exception {
		this.fixture.host.on("a", "start", (i) -> {
			InvocationResult fromB = this.fixture.runtime
				.invoke(request("b", "add").setValue(ScriptedHost.number(2)).setCaller(i.getActor()).build());
			return ScriptedHost.answer(i, fromB.response().getValue()).build();
		}).on("b", "add", ScriptedHost::add);
		this.fixture.register(named("a", "start"), named("b", "add"));
		InvocationResult result = this.fixture.runtime.invokeAsync(request("a", "start").build())
			.get(5, TimeUnit.SECONDS);
		assertThat(value(result)).isEqualTo(2);
	}

	@Test
	void callerLabelOfAnIdleActorIsNotMistakenForACycle() {
		this.fixture.host.on("a", "add", ScriptedHost::add);
		this.fixture.register(named("a", "add"));
		InvocationResult result = this.fixture.runtime.invoke(request("a", "add").setValue(ScriptedHost.number(1))
			.setCaller(ActorId.newBuilder().setName("a").setSystem(SYSTEM))
			.build());
		assertThat(result.ok()).isTrue();
	}

	@Test
	void idleActorsHoldNoThreads() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(actor("counter", Kind.UNNAMED, "add"));
		int before = Thread.activeCount();
		for (int i = 0; i < 2_000; i++) {
			this.fixture.runtime
				.invoke(request("c" + i, "add").setValue(ScriptedHost.number(1)).setRegisterRef("counter").build());
		}
		assertThat(this.fixture.runtime.activeActors()).isEqualTo(2_000);
		// Platform threads only: virtual threads do not show in activeCount, and none is parked per actor.
		assertThat(Thread.activeCount()).isLessThan(before + 10);
		// The last drain finishes just after its reply.
		await().until(() -> this.fixture.runtime.queuedCalls() == 0);
	}

	@Test
	void deadlineTimerDoesNotOutliveItsCall() {
		this.fixture.host.on("counter", "add", ScriptedHost::add);
		this.fixture.register(named("counter", "add"));
		int before = this.fixture.clock.pendingTasks();
		for (int i = 0; i < 100; i++) {
			this.fixture.call("counter", "add", 1);
		}
		// One idle check and one snapshot timer remain; no deadline timer per finished call.
		assertThat(this.fixture.clock.pendingTasks()).isLessThanOrEqualTo(before + 2);
		this.fixture.advance(Duration.ofSeconds(31));
		assertThat(value(this.fixture.call("counter", "get"))).isEqualTo(100);
	}

}
