package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Kind;
import io.spawn.proxy.grpc.GrpcServerLifecycle;
import io.spawn.proxy.grpc.contract.AccountGrpc;
import io.spawn.proxy.grpc.contract.AccountState;
import io.spawn.proxy.grpc.contract.DepositRequest;
import io.spawn.proxy.grpc.contract.GreetRequest;
import io.spawn.proxy.grpc.contract.GreeterGrpc;
import io.spawn.proxy.grpc.contract.Greeting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Contracts sent at registration ({@code RegistrationRequest.contracts}, ADR 0007): with an empty descriptors
 * directory the proxy serves nothing and runs no gRPC server, until a host registers with the protoc-compiled set;
 * then gRPC and HTTP/JSON calls reach its actors, with the contracts' options applied to that registration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spawn.proxy.actor-system=" + RegisteredContractsIntegrationTests.SYSTEM,
				"spawn.proxy.grpc.port=0" })
class RegisteredContractsIntegrationTests {

	static final String SYSTEM = "registered-contracts";

	static final TestHost host = new TestHost();

	@Autowired
	GrpcServerLifecycle grpc;

	@Value("${local.server.port}")
	int httpPort;

	@DynamicPropertySource
	static void proxyProperties(DynamicPropertyRegistry registry) throws IOException {
		Path empty = Files.createDirectories(Path.of("target", "test-empty-descriptors", UUID.randomUUID().toString()));
		registry.add("spawn.proxy.grpc.descriptors-dir", empty::toString);
		registry.add("spawn.proxy.host.host", () -> "127.0.0.1");
		registry.add("spawn.proxy.host.port", host::port);
		registry.add("spawn.proxy.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()));
	}

	@AfterAll
	static void stopHost() {
		host.close();
	}

	private static ByteString compiledContracts() {
		try {
			return ByteString.copyFrom(Files.readAllBytes(Path.of("target", "test-descriptors", "contract.pb")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private RegistrationRequest registration(ByteString contracts) {
		// Account is registered without a kind: the contract's UNNAMED must win.
		return ProxyClient.registration(SYSTEM, actor("Greeter", Kind.NAMED, "Greet", "Fail", "Slow"),
				actor("Account", Kind.UNKNOW_KIND, "Deposit", "SetNote", "GetBalance"))
			.toBuilder()
			.setContracts(contracts)
			.build();
	}

	@Test
	void contractsSentAtRegistrationAreServedOverGrpcAndHttpJson() throws InterruptedException {
		host.on(SYSTEM, "Greeter", "Greet", (invocation) -> {
			GreetRequest request = invocation.getValue().unpack(GreetRequest.class);
			return TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
				.setValue(Any.pack(Greeting.newBuilder().setText("Hello, " + request.getName() + "!").build())));
		});
		host.on(SYSTEM, "Account", "Deposit", (invocation) -> {
			DepositRequest deposit = invocation.getValue().unpack(DepositRequest.class);
			AccountState before = invocation.getCurrentContext().hasState()
					? invocation.getCurrentContext().getState().unpack(AccountState.class)
					: AccountState.getDefaultInstance();
			AccountState next = AccountState.newBuilder()
				.setAccountId(deposit.getAccountId())
				.setBalance(before.getBalance() + deposit.getAmount())
				.build();
			return TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
				.setUpdatedContext(Context.newBuilder().setState(Any.pack(next)))
				.setValue(Any.pack(next)));
		});
		ProxyClient client = new ProxyClient(this.httpPort);
		assertThat(this.grpc.port()).as("no contract yet, no gRPC server").isEqualTo(-1);
		assertThat(http("/v1/greeter/Ada").statusCode()).isEqualTo(404);

		RegistrationResponse answer = client.register(registration(compiledContracts()));
		// Hosts register again now and then with the same set.
		client.register(registration(compiledContracts()));

		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.OK);
		assertThat(this.grpc.port()).isPositive();
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.grpc.port())
			.usePlaintext()
			.build();
		try {
			Greeting greeting = GreeterGrpc.newBlockingStub(channel)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.greet(GreetRequest.newBuilder().setName("Ada").build());
			assertThat(greeting.getText()).isEqualTo("Hello, Ada!");
			String account = "acc-" + UUID.randomUUID();
			AccountState state = AccountGrpc.newBlockingStub(channel)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.deposit(DepositRequest.newBuilder().setAccountId(account).setAmount(7).build());
			assertThat(state.getBalance()).isEqualTo(7);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		HttpResponse<String> response = http("/v1/greeter/Grace");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualToIgnoringWhitespace("{\"text\": \"Hello, Grace!\"}");
	}

	@Test
	void contractsThatAreNotADescriptorSetAreABadRequest() throws Exception {
		HttpResponse<byte[]> response = new ProxyClient(this.httpPort).post("/api/v1/system", ProxyClient.PROTOBUF,
				registration(ByteString.copyFrom(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff })).toByteArray());

		assertThat(response.statusCode()).isEqualTo(400);
		RegistrationResponse answer = RegistrationResponse.parseFrom(response.body());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(answer.getStatus().getMessage()).contains("registration's contracts")
			.contains("not a readable FileDescriptorSet");
	}

	@Test
	void contractsWithAnImportNoFileHoldsAreABadRequestNamingIt() throws Exception {
		FileDescriptorSet set = FileDescriptorSet.newBuilder()
			.addFile(FileDescriptorProto.newBuilder().setName("bank/user.proto").addDependency("bank/missing.proto"))
			.build();

		HttpResponse<byte[]> response = new ProxyClient(this.httpPort).post("/api/v1/system", ProxyClient.PROTOBUF,
				registration(set.toByteString()).toByteArray());

		assertThat(response.statusCode()).isEqualTo(400);
		RegistrationResponse answer = RegistrationResponse.parseFrom(response.body());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(answer.getStatus().getMessage()).contains("bank/missing.proto");
	}

	private HttpResponse<String> http(String path) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
