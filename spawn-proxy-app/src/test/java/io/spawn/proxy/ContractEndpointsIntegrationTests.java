package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.actors.Kind;
import io.spawn.proxy.grpc.GrpcServerLifecycle;
import io.spawn.proxy.grpc.contract.AccountGrpc;
import io.spawn.proxy.grpc.contract.AccountState;
import io.spawn.proxy.grpc.contract.BalanceRequest;
import io.spawn.proxy.grpc.contract.DepositRequest;
import io.spawn.proxy.grpc.contract.GreetRequest;
import io.spawn.proxy.grpc.contract.GreeterGrpc;
import io.spawn.proxy.grpc.contract.Greeting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Contract-first endpoints end to end: the proxy loads a descriptor set compiled by protoc from the test
 * contracts ({@code src/test/protobuf}), and a client built from the same contracts calls NAMED and UNNAMED actors
 * over gRPC and HTTP/JSON; the actions run in a host that speaks the raw host protocol.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spawn.proxy.actor-system=" + ContractEndpointsIntegrationTests.SYSTEM, "spawn.proxy.grpc.port=0",
				"spawn.proxy.grpc.descriptors-dir=target/test-descriptors" })
class ContractEndpointsIntegrationTests {

	static final String SYSTEM = "contracts";

	static final TestHost host = new TestHost();

	private static final Metadata.Key<String> TENANT = Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);

	@Autowired
	GrpcServerLifecycle grpc;

	@Autowired
	MeterRegistry meters;

	@Value("${local.server.port}")
	int httpPort;

	ManagedChannel channel;

	final CountDownLatch slowRelease = new CountDownLatch(1);

	@DynamicPropertySource
	static void proxyProperties(DynamicPropertyRegistry registry) {
		registry.add("spawn.proxy.host.host", () -> "127.0.0.1");
		registry.add("spawn.proxy.host.port", host::port);
		registry.add("spawn.proxy.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()));
	}

	@AfterAll
	static void stopHost() {
		host.close();
	}

	@BeforeEach
	void registerAndConnect() {
		new ProxyClient(this.httpPort).register(ProxyClient.registration(SYSTEM,
				actor("Greeter", Kind.NAMED, "Greet", "Fail", "Slow"),
				actor("Account", Kind.UNNAMED, "Deposit", "SetNote", "GetBalance")));
		host.on(SYSTEM, "Greeter", "Greet", (invocation) -> {
			GreetRequest request = invocation.getValue().unpack(GreetRequest.class);
			String text = ("Hello, " + request.getName() + "! ").repeat(Math.max(1, request.getTimes())).strip();
			String tenant = invocation.getCurrentContext().getMetadataOrDefault("x-tenant", "");
			return TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
				.setValue(Any.pack(Greeting.newBuilder().setText(text + (tenant.isEmpty() ? "" : " @" + tenant)).build())));
		});
		host.on(SYSTEM, "Greeter", "Fail", (invocation) -> {
			throw new IllegalStateException("greeting refused for " + invocation.getValue().unpack(GreetRequest.class).getName());
		});
		host.on(SYSTEM, "Greeter", "Slow", (invocation) -> {
			this.slowRelease.await(10, TimeUnit.SECONDS);
			return TestHost.echo(invocation);
		});
		host.on(SYSTEM, "Account", "Deposit", (invocation) -> {
			DepositRequest deposit = invocation.getValue().unpack(DepositRequest.class);
			AccountState next = balance(invocation).toBuilder()
				.setAccountId(deposit.getAccountId())
				.setBalance(balance(invocation).getBalance() + deposit.getAmount())
				.build();
			return TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
				.setUpdatedContext(Context.newBuilder().setState(Any.pack(next)))
				.setValue(Any.pack(next)));
		});
		host.on(SYSTEM, "Account", "SetNote", (invocation) -> {
			DepositRequest request = invocation.getValue().unpack(DepositRequest.class);
			return TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
				.setValue(Any.pack(AccountState.newBuilder()
					.setAccountId(request.getAccountId())
					.setBalance(request.getAmount())
					.setNote(request.getNote())
					.build())));
		});
		host.on(SYSTEM, "Account", "GetBalance",
				(invocation) -> TestHost.Reply.ok(ActorInvocationResponse.newBuilder().setValue(Any.pack(balance(invocation)))));
		this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.grpc.port()).usePlaintext().build();
	}

	private static AccountState balance(io.spawn.protocol.ActorInvocation invocation) throws Exception {
		return invocation.getCurrentContext().hasState()
				? invocation.getCurrentContext().getState().unpack(AccountState.class) : AccountState.getDefaultInstance();
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.slowRelease.countDown();
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void callsANamedActorWithTheCallersMetadata() {
		Metadata headers = new Metadata();
		headers.put(TENANT, "acme");
		Greeting greeting = GreeterGrpc.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
			.greet(GreetRequest.newBuilder().setName("Ada").setTimes(2).build());

		assertThat(greeting.getText()).isEqualTo("Hello, Ada! Hello, Ada! @acme");
	}

	@Test
	void callsUnnamedInstancesNamedByTheActorIdField() {
		AccountGrpc.AccountBlockingStub accounts = AccountGrpc.newBlockingStub(this.channel);
		String first = "acc-" + UUID.randomUUID();
		String second = "acc-" + UUID.randomUUID();

		accounts.deposit(DepositRequest.newBuilder().setAccountId(first).setAmount(10).build());
		AccountState afterTwo = accounts.deposit(DepositRequest.newBuilder().setAccountId(first).setAmount(20).build());
		AccountState other = accounts.deposit(DepositRequest.newBuilder().setAccountId(second).setAmount(5).build());

		assertThat(afterTwo.getBalance()).isEqualTo(30);
		assertThat(other.getBalance()).isEqualTo(5);
		assertThat(accounts.getBalance(BalanceRequest.newBuilder().setAccountId(first).build()).getBalance())
			.isEqualTo(30);
		assertThat(host.receivedBy(SYSTEM, first)).allSatisfy((received) -> {
			assertThat(received.invocation().getActor().getParent()).isEqualTo("Account");
		});
		// Instances are tagged with their template, so ids chosen by callers never become time series.
		assertThat(this.meters.find("spawn.invocations").tags("system", SYSTEM, "actor", "Account", "action", "Deposit")
			.timer()).isNotNull().satisfies((timer) -> assertThat(timer.count()).isGreaterThanOrEqualTo(3));
		assertThat(this.meters.find("spawn.invocations").tag("actor", first).timer()).isNull();
	}

	@Test
	void theContractsKindWinsOverTheRegistration() {
		new ProxyClient(this.httpPort).register(ProxyClient.registration(SYSTEM,
				actor("Greeter", Kind.NAMED, "Greet", "Fail", "Slow"),
				actor("Account", Kind.UNKNOW_KIND, "Deposit", "SetNote", "GetBalance")));

		AccountState state = AccountGrpc.newBlockingStub(this.channel)
			.deposit(DepositRequest.newBuilder().setAccountId("acc-" + UUID.randomUUID()).setAmount(7).build());

		assertThat(state.getBalance()).isEqualTo(7);
	}

	@Test
	void unnamedCallWithoutAnIdIsAnInvalidArgument() {
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> AccountGrpc.newBlockingStub(this.channel)
				.deposit(DepositRequest.newBuilder().setAmount(1).build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(ex.getStatus().getDescription()).contains("account_id");
			});
	}

	@Test
	void anActionTheActorDoesNotDeclareIsNotFound() {
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> GreeterGrpc.newBlockingStub(this.channel)
				.missing(GreetRequest.newBuilder().setName("x").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
				assertThat(ex.getStatus().getDescription()).contains("Missing");
			});
	}

	@Test
	void anActionThatThrowsIsInternalWithTheHostsMessage() {
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> GreeterGrpc.newBlockingStub(this.channel)
				.fail(GreetRequest.newBuilder().setName("Bob").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
				assertThat(ex.getStatus().getDescription()).contains("greeting refused for Bob");
			});
	}

	@Test
	void theCallersDeadlineBecomesTheCallsRequestTimeout() {
		String name = "deadline-" + UUID.randomUUID();
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> GreeterGrpc.newBlockingStub(this.channel)
				.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
				.slow(GreetRequest.newBuilder().setName(name).build()))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

		await().untilAsserted(() -> assertThat(host.receivedBy(SYSTEM, "Greeter", "Slow")).anySatisfy((received) -> {
			assertThat(received.invocation().getValue().unpack(GreetRequest.class).getName()).isEqualTo(name);
			long timeout = Long.parseLong(received.invocation().getCurrentContext().getMetadataOrThrow("request-timeout"));
			assertThat(timeout).isPositive().isLessThanOrEqualTo(300);
		}));
	}

	@Test
	void theProxysTimeoutIsDeadlineExceeded() {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("request-timeout", Metadata.ASCII_STRING_MARSHALLER), "200");

		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> GreeterGrpc.newBlockingStub(this.channel)
				.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
				.slow(GreetRequest.newBuilder().setName("late").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
				assertThat(ex.getStatus().getDescription()).contains("timed out after 200 ms");
			});
	}

	@Test
	void reflectionListsTheActorServicesOnly() throws Exception {
		CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
		StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(this.channel)
			.serverReflectionInfo(new StreamObserver<>() {
				@Override
				public void onNext(ServerReflectionResponse response) {
					answer.complete(response);
				}

				@Override
				public void onError(Throwable error) {
					answer.completeExceptionally(error);
				}

				@Override
				public void onCompleted() {
				}
			});
		requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
		requests.onCompleted();

		List<String> services = answer.get(10, TimeUnit.SECONDS)
			.getListServicesResponse()
			.getServiceList()
			.stream()
			.map(ServiceResponse::getName)
			.toList();
		assertThat(services).contains("spawn.proxytest.Greeter", "spawn.proxytest.Account", "grpc.health.v1.Health")
			.doesNotContain("spawn.proxytest.Plain");
	}

	@Test
	void healthIsServing() {
		HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.channel);

		assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
			.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		assertThat(health.check(HealthCheckRequest.newBuilder().setService("spawn.proxytest.Account").build())
			.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	// ----------------------------------------------------------------------------------------------------------
	// HTTP/JSON transcoding
	// ----------------------------------------------------------------------------------------------------------

	@Test
	void getBindsThePathAndTheQueryAndCarriesHeadersAsMetadata() {
		HttpResponse<String> response = http(HttpRequest.newBuilder(uri("/v1/greeter/Ada?times=2"))
			.header("x-tenant", "acme")
			.GET());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualToIgnoringWhitespace("{\"text\": \"Hello, Ada! Hello, Ada! @acme\"}");
	}

	@Test
	void postTakesTheBodyAndThePathNamesTheInstance() {
		String id = "acc-" + UUID.randomUUID();

		HttpResponse<String> first = post("/v1/accounts/" + id + "/deposit", "{\"amount\": 15, \"note\": \"salary\"}");
		HttpResponse<String> second = post("/v1/accounts/" + id + "/deposit",
				"{\"accountId\": \"someone-else\", \"amount\": \"5\"}");
		HttpResponse<String> balance = http(HttpRequest.newBuilder(uri("/v1/accounts/" + id)).GET());

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("\"balance\": \"15\"");
		assertThat(second.body()).contains("\"accountId\": \"" + id + "\"").contains("\"balance\": \"20\"");
		assertThat(balance.statusCode()).isEqualTo(200);
		assertThat(balance.body()).contains("\"balance\": \"20\"");
		assertThat(host.receivedBy(SYSTEM, "someone-else")).isEmpty();
	}

	@Test
	void putTakesOneFieldFromTheBodyAndTheOthersFromTheQuery() {
		HttpResponse<String> response = http(HttpRequest.newBuilder(uri("/v1/accounts/acc-note/note?amount=3&note=ignored"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("\"paid in cash\"")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"accountId\": \"acc-note\"")
			.contains("\"balance\": \"3\"")
			.contains("\"note\": \"paid in cash\"");
	}

	@Test
	void aBodyThatIsNotTheInputIsABadRequest() {
		HttpResponse<String> response = post("/v1/accounts/acc-x/deposit", "{\"amount\": \"lots\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":3").contains("spawn.proxytest.DepositRequest");
	}

	@Test
	void aOneFieldBodyCannotSetTheOtherFields() {
		HttpResponse<String> injected = http(HttpRequest.newBuilder(uri("/v1/accounts/acc-inject/note"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("\"x\", \"amount\": 99")));

		assertThat(injected.statusCode()).isEqualTo(400);
		assertThat(host.receivedBy(SYSTEM, "acc-inject")).isEmpty();
	}

	@Test
	void fuzzedJsonBodiesGetAClearAnswerAndLeaveOtherAccountsAlone() throws Exception {
		String guard = "acc-guard-" + UUID.randomUUID();
		assertThat(post("/v1/accounts/" + guard + "/deposit", "{\"amount\": 10}").statusCode()).isEqualTo(200);
		String[] seeds = { "{\"amount\": 15, \"note\": \"salary\"}", "\"paid in cash\"", "[1, {\"a\": null}]" };
		java.util.Random random = new java.util.Random(0x15a0L);
		String alphabet = "{}[]\":,\\0123456789-+.eE truefalsnul\u00e9\ud83d\ude00\u0000";
		try (HttpClient client = HttpClient.newHttpClient()) {
			for (int i = 0; i < 3_000; i++) {
				String body = mutate(random, seeds[random.nextInt(seeds.length)], alphabet);
				boolean note = random.nextBoolean();
				HttpRequest.Builder request = HttpRequest
					.newBuilder(uri("/v1/accounts/acc-fuzz/" + (note ? "note" : "deposit")))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json");
				request = note ? request.PUT(HttpRequest.BodyPublishers.ofString(body))
						: request.POST(HttpRequest.BodyPublishers.ofString(body));
				HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

				assertThat(response.statusCode()).as("case %d: %s", i, body).isIn(200, 400, 413);
				assertThat(response.body()).as("case %d", i).doesNotContain("\tat ")
					.doesNotContainPattern("\\bat [a-z]+\\.[a-zA-Z.$]+\\(");
			}
		}
		HttpResponse<String> balance = http(HttpRequest.newBuilder(uri("/v1/accounts/" + guard)).GET());
		assertThat(balance.body()).contains("\"balance\": \"10\"");
		// Deep nesting is refused, not a stack overflow.
		assertThat(post("/v1/accounts/acc-fuzz/deposit", "[".repeat(100_000)).statusCode()).isEqualTo(400);
	}

	private static String mutate(java.util.Random random, String seed, String alphabet) {
		StringBuilder body = new StringBuilder(seed);
		switch (random.nextInt(3)) {
			case 0 -> {
				for (int n = 1 + random.nextInt(6); n > 0 && !body.isEmpty(); n--) {
					body.setCharAt(random.nextInt(body.length()), alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
			case 1 -> body.setLength(random.nextInt(body.length()));
			default -> {
				for (int n = random.nextInt(40); n > 0; n--) {
					body.insert(random.nextInt(body.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
		}
		return body.toString();
	}

	@Test
	void aFailedActionAnswersItsHttpCodeWithTheMessage() {
		host.on(SYSTEM, "Account", "GetBalance", (invocation) -> {
			throw new IllegalStateException("ledger closed");
		});

		HttpResponse<String> response = http(HttpRequest.newBuilder(uri("/v1/accounts/acc-closed")).GET());

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("\"code\":13").contains("ledger closed");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

	private HttpResponse<String> post(String path, String json) {
		return http(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private static HttpResponse<String> http(HttpRequest.Builder request) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
