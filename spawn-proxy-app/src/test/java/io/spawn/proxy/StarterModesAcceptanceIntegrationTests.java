package io.spawn.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import io.spawn.actor.InitialState;
import io.spawn.actor.Subscribe;
import io.spawn.actor.Timer;
import io.spawn.autoconfigure.SpawnSidecarLifecycle;
import io.spawn.client.ActorCallException;
import io.spawn.client.ActorRefs;
import io.spawn.client.CallStatus;
import io.spawn.client.SpawnClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.FileSystemUtils;

/**
 * One acceptance suite for both modes of the starter: the same user application, with the same actors and typed
 * references, runs once with the runtime embedded and once against this proxy as its sidecar, and every test makes
 * the same assertions in both. A difference between the modes is a defect of one of them.
 *
 * <p>
 * Each mode's application (and, for the sidecar, its proxy) starts once, at the first test that needs it; tests
 * use actor ids of their own.
 */
class StarterModesAcceptanceIntegrationTests {

	private static final Map<Mode, RunningApplication> applications = new EnumMap<>(Mode.class);

	private static final AtomicLong ids = new AtomicLong();

	@AfterAll
	static void stopApplications() {
		applications.values().forEach(RunningApplication::close);
		applications.clear();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void repliesToCallsAndKeepsStateAcrossThem(Mode mode) {
		ActorRefs<CounterActor> counters = start(mode).counters();
		String id = id("counter");

		Total first = counters.get(id).call(CounterActor::add, new Add(5));
		Total second = counters.get(id).call(CounterActor::add, new Add(7));

		assertThat(first).isEqualTo(new Total(5));
		assertThat(second).isEqualTo(new Total(12));
		assertThat(counters.get(id).call(CounterActor::total)).isEqualTo(new Total(12));
		assertThat(counters.get(id("other")).call(CounterActor::total)).as("each id is its own instance")
			.isEqualTo(new Total(0));
		assertThat(counters.get(id).action(CounterActor::add, new Add(1)).callAsync().join()).isEqualTo(new Total(13));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void aDeletedStateIsGoneAndTheNextCallStartsFromTheInitialState(Mode mode) {
		ActorRefs<CounterActor> counters = start(mode).counters();
		String id = id("erased");
		counters.get(id).call(CounterActor::add, new Add(5));

		counters.get(id).deleteState();

		assertThat(counters.get(id).call(CounterActor::total)).isEqualTo(new Total(0));
		assertThat(counters.get(id).call(CounterActor::add, new Add(2))).isEqualTo(new Total(2));
		assertThat(counters.get(id("other")).call(CounterActor::add, new Add(1))).as("other instances keep theirs")
			.isEqualTo(new Total(1));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void anEffectErrorReachesTheCallerWithItsStatusAndCodeAndLeavesTheStateAlone(Mode mode) {
		ActorRefs<CounterActor> counters = start(mode).counters();
		String id = id("account");
		counters.get(id).call(CounterActor::add, new Add(10));

		assertThatExceptionOfType(ActorCallException.class)
			.isThrownBy(() -> counters.get(id).call(CounterActor::withdraw, new Add(50)))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(CallStatus.ACTION_FAILED);
				assertThat(ex.errorCode()).isEqualTo("insufficient-funds");
				assertThat(ex.getMessage()).isEqualTo("cannot take 50 from 10");
			});
		assertThat(counters.get(id).call(CounterActor::total)).isEqualTo(new Total(10));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void anActionThatThrowsFailsTheCallWithItsMessage(Mode mode) {
		ActorRefs<CounterActor> counters = start(mode).counters();

		assertThatExceptionOfType(ActorCallException.class)
			.isThrownBy(() -> counters.get(id("fragile")).call(CounterActor::explode, new Add(3)))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(CallStatus.ACTION_FAILED);
				assertThat(ex.errorCode()).isNull();
				assertThat(ex.getMessage()).isEqualTo("boom 3");
			});
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void aBroadcastReachesTheSubscribedActor(Mode mode) {
		RunningApplication application = start(mode);
		long big = 1_000_000 + ids.incrementAndGet();

		application.counters().get(id("whale")).call(CounterActor::add, new Add(big));

		await().untilAsserted(() -> assertThat(application.audit().get().call(AuditActor::entries).totals())
			.contains(big));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void anActorCallsAnotherThroughAnInjectedReference(Mode mode) {
		RunningApplication application = start(mode);
		ActorRefs<CounterActor> counters = application.counters();
		String alice = id("alice");
		String bob = id("bob");
		counters.get(alice).call(CounterActor::add, new Add(100));

		Total bobs = application.client()
			.refs(TransferActor.class)
			.get()
			.call(TransferActor::transfer, new Transfer(alice, bob, 40));

		assertThat(bobs).isEqualTo(new Total(40));
		assertThat(counters.get(alice).call(CounterActor::total)).isEqualTo(new Total(60));
		assertThat(application.counterBean().callerOf(bob)).as("the called actor knows who called").isEqualTo("transfers");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void aToldCommandRunsWithoutAReply(Mode mode) {
		ActorRefs<CounterActor> counters = start(mode).counters();
		String id = id("told");

		counters.get(id).action(CounterActor::add, new Add(4)).tell();

		await().untilAsserted(() -> assertThat(counters.get(id).call(CounterActor::total)).isEqualTo(new Total(4)));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void aSpawnedInstanceIsCalledLikeAnyOther(Mode mode) {
		ActorRefs<CounterActor> counters = start(mode).counters();
		String id = id("spawned");

		counters.get(id).spawn();

		assertThat(counters.get(id).call(CounterActor::add, new Add(2))).isEqualTo(new Total(2));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void aCallThatOutlivesItsTimeoutFailsWithDeadlineExceeded(Mode mode) {
		RunningApplication application = start(mode);
		String id = id("slow");
		CountDownLatch release = application.counterBean().holdNext(id);
		try {
			assertThatExceptionOfType(ActorCallException.class)
				.isThrownBy(() -> application.counters()
					.get(id)
					.withTimeout(Duration.ofMillis(300))
					.call(CounterActor::hold, new Add(1)))
				.satisfies((ex) -> {
					assertThat(ex.status()).isEqualTo(CallStatus.DEADLINE_EXCEEDED);
					assertThat(ex.getMessage()).contains("300 ms");
				});
		}
		finally {
			release.countDown();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void aFailureInACalledActorReachesTheCallingActorsCaller(Mode mode) {
		RunningApplication application = start(mode);
		ActorRefs<CounterActor> counters = application.counters();
		String poor = id("poor");
		String rich = id("rich");

		assertThatExceptionOfType(ActorCallException.class)
			.isThrownBy(() -> application.client()
				.refs(TransferActor.class)
				.get()
				.call(TransferActor::transfer, new Transfer(poor, rich, 40)))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(CallStatus.ACTION_FAILED);
				assertThat(ex.getMessage()).isEqualTo("cannot take 40 from 0");
			});
		assertThat(counters.get(rich).call(CounterActor::total)).isEqualTo(new Total(0));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void aDelayedCallRunsLaterAndNotBeforeItsTime(Mode mode) {
		RunningApplication application = start(mode);
		ActorRefs<CounterActor> counters = application.counters();
		String id = id("later");
		long sent = System.currentTimeMillis();

		Total accepted = counters.get(id).after(Duration.ofMillis(700)).call(CounterActor::add, new Add(9));

		assertThat(accepted).as("a delayed call returns once accepted, with no reply").isNull();
		assertThat(counters.get(id).call(CounterActor::total)).isEqualTo(new Total(0));
		await().untilAsserted(() -> assertThat(counters.get(id).call(CounterActor::total)).isEqualTo(new Total(9)));
		assertThat(application.counterBean().addedAt(id)).isGreaterThanOrEqualTo(sent + 700);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Mode.class)
	void aTimerActionRunsPeriodically(Mode mode) {
		ActorRefs<TickerActor> tickers = start(mode).client().refs(TickerActor.class);

		await().untilAsserted(() -> assertThat(tickers.get().call(TickerActor::ticks)).isGreaterThanOrEqualTo(2));
	}

	private static RunningApplication start(Mode mode) {
		return applications.computeIfAbsent(mode, Mode::start);
	}

	private static String id(String prefix) {
		return prefix + "-" + ids.incrementAndGet();
	}

	/**
	 * The two modes of the starter, each with how to start the user application in it.
	 */
	enum Mode {

		EMBEDDED {

			@Override
			RunningApplication start() {
				return new RunningApplication(userApplication("--spawn.mode=embedded"), null, null);
			}

		},

		SIDECAR {

			@Override
			RunningApplication start() {
				// The proxy must know the host's port before the host starts: take a free one for both.
				int hostPort = freePort();
				Path dataDir = temporaryDirectory();
				ConfigurableApplicationContext proxy = new SpringApplicationBuilder(SpawnProxyApplication.class).run(
						"--server.port=0", "--spawn.proxy.host.host=127.0.0.1", "--spawn.proxy.host.port=" + hostPort,
						"--spawn.proxy.data-dir=" + dataDir);
				try {
					String proxyPort = proxy.getEnvironment().getProperty("local.server.port");
					ConfigurableApplicationContext user = userApplication("--spawn.mode=sidecar",
							"--spawn.sidecar.proxy-url=http://127.0.0.1:" + proxyPort,
							"--spawn.sidecar.host-address=127.0.0.1", "--spawn.sidecar.host-port=" + hostPort);
					RunningApplication running = new RunningApplication(user, proxy, dataDir);
					boolean registered;
					try {
						registered = user.getBean(SpawnSidecarLifecycle.class).awaitRegistration(Duration.ofSeconds(20));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						registered = false;
					}
					if (!registered) {
						running.close();
						throw new IllegalStateException("the user application did not register with the proxy");
					}
					return running;
				}
				catch (RuntimeException ex) {
					proxy.close();
					throw ex;
				}
			}

		};

		abstract RunningApplication start();

		static ConfigurableApplicationContext userApplication(String... modeArguments) {
			List<String> arguments = new ArrayList<>(List.of("--spring.config.name=starter-acceptance",
					"--spring.application.name=acceptance-app", "--spawn.system=acceptance"));
			arguments.addAll(List.of(modeArguments));
			return new SpringApplicationBuilder(UserApplication.class).web(WebApplicationType.NONE)
				.run(arguments.toArray(String[]::new));
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static Path temporaryDirectory() {
			try {
				return Files.createTempDirectory("spawn-acceptance-");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * The user application of one mode, and its proxy in sidecar mode.
	 * @param user the user application
	 * @param proxy its sidecar proxy, or null when embedded
	 * @param dataDir the proxy's data directory, or null
	 */
	record RunningApplication(ConfigurableApplicationContext user, @Nullable ConfigurableApplicationContext proxy,
			@Nullable Path dataDir) implements AutoCloseable {

		SpawnClient client() {
			return this.user.getBean(SpawnClient.class);
		}

		ActorRefs<CounterActor> counters() {
			return client().refs(CounterActor.class);
		}

		ActorRefs<AuditActor> audit() {
			return client().refs(AuditActor.class);
		}

		CounterActor counterBean() {
			return this.user.getBean(CounterActor.class);
		}

		@Override
		public void close() {
			this.user.close();
			if (this.proxy != null) {
				this.proxy.close();
			}
			if (this.dataDir != null) {
				try {
					FileSystemUtils.deleteRecursively(this.dataDir);
				}
				catch (IOException ex) {
					// a temporary directory; the OS cleans it
				}
			}
		}

	}

	// ----------------------------------------------------------------------------------------------------------
	// The user application: its own configuration and actors, as an application using the starter writes them
	// ----------------------------------------------------------------------------------------------------------

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ CounterActor.class, AuditActor.class, TransferActor.class, TickerActor.class })
	static class UserApplication {

	}

	public record Counter(long value) {
	}

	public record Add(long by) {
	}

	public record Total(long value) {
	}

	public record Transfer(String from, String to, long amount) {
	}

	public record Log(List<Long> totals) {
	}

	/**
	 * One counter per id; totals of a million or more are broadcast on {@code big-totals}.
	 */
	@Actor(value = "counter", kind = ActorKind.UNNAMED, snapshotInterval = "100ms")
	public static class CounterActor {

		private final Map<String, Long> addedAt = new ConcurrentHashMap<>();

		private final Map<String, String> callers = new ConcurrentHashMap<>();

		private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

		@InitialState
		public Counter zero() {
			return new Counter(0);
		}

		@Action
		public Effect<Counter, Total> add(Counter counter, Add add, ActorContext<Counter> context) {
			this.addedAt.put(context.self(), System.currentTimeMillis());
			this.callers.put(context.self(), context.caller().orElse("-"));
			Counter next = new Counter(counter.value() + add.by());
			Effect<Counter, Total> effect = Effect.update(next).thenReply(new Total(next.value()));
			return (next.value() >= 1_000_000) ? effect.broadcast("big-totals", new Total(next.value())) : effect;
		}

		@Action
		public Total total(Counter counter) {
			return new Total(counter.value());
		}

		@Action
		public Effect<Counter, Total> withdraw(Counter counter, Add amount) {
			if (amount.by() > counter.value()) {
				return Effect.error("insufficient-funds", "cannot take " + amount.by() + " from " + counter.value());
			}
			Counter next = new Counter(counter.value() - amount.by());
			return Effect.update(next).thenReply(new Total(next.value()));
		}

		@Action
		public Total explode(Add add) {
			throw new IllegalStateException("boom " + add.by());
		}

		/** Waits, at most ten seconds, until the test releases it. */
		@Action
		public Total hold(Counter counter, Add add, ActorContext<Counter> context) {
			CountDownLatch latch = this.holds.get(context.self());
			try {
				if (latch != null) {
					latch.await(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new Total(counter.value());
		}

		CountDownLatch holdNext(String id) {
			return this.holds.computeIfAbsent(id, (key) -> new CountDownLatch(1));
		}

		/** Who last called {@code add} on an instance ("-" for a caller that is no actor). */
		String callerOf(String id) {
			return this.callers.get(id);
		}

		/** When {@code add} last ran on an instance, by this application's clock. */
		long addedAt(String id) {
			return this.addedAt.getOrDefault(id, -1L);
		}

	}

	/**
	 * Subscribed to {@code big-totals}: keeps every total it hears.
	 */
	@Actor("audit")
	public static class AuditActor {

		@InitialState
		public Log empty() {
			return new Log(List.of());
		}

		@Subscribe(channel = "big-totals")
		public Effect<Log, Void> onBigTotal(Log log, Total total) {
			List<Long> totals = new ArrayList<>(log.totals());
			totals.add(total.value());
			return Effect.update(new Log(totals));
		}

		@Action
		public Log entries(Log log) {
			return log;
		}

	}

	/**
	 * Counts the ticks of its timer.
	 */
	@Actor("ticker")
	public static class TickerActor {

		@InitialState
		public Counter zero() {
			return new Counter(0);
		}

		@Timer(every = "250ms")
		public Effect<Counter, Void> tick(Counter counter) {
			return Effect.update(new Counter(counter.value() + 1));
		}

		@Action
		public long ticks(Counter counter) {
			return counter.value();
		}

	}

	/**
	 * Stateless: moves an amount between two counters through the typed references it is given.
	 */
	@Actor(value = "transfers", stateful = false)
	public static class TransferActor {

		private final ActorRefs<CounterActor> counters;

		public TransferActor(ActorRefs<CounterActor> counters) {
			this.counters = counters;
		}

		@Action
		public Total transfer(Transfer transfer) {
			this.counters.get(transfer.from()).call(CounterActor::withdraw, new Add(transfer.amount()));
			return this.counters.get(transfer.to()).call(CounterActor::add, new Add(transfer.amount()));
		}

	}

}
