package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Kind;
import io.spawn.proxy.grpc.contract.AccountState;
import io.spawn.proxy.grpc.contract.DepositRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A protobuf state in the operations API: shown as its bytes while no contract declares its type, and as JSON
 * once a host registers the contract that does (ADR 0007's contracts in the registration).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spawn.proxy.actor-system=" + OperationsContractStatesIntegrationTests.SYSTEM,
				"spawn.proxy.grpc.port=0", "spawn.proxy.runtime.snapshot-interval=50ms",
				"management.endpoints.web.exposure.include=health,spawnactors" })
class OperationsContractStatesIntegrationTests {

	static final String SYSTEM = "contract-states";

	static final TestHost host = new TestHost();

	@Value("${local.server.port}")
	int port;

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

	@Test
	void aProtobufStateIsShownAsBytesUntilAContractDeclaresItsTypeThenAsJson() throws IOException {
		host.on(SYSTEM, "Account", "Deposit", (invocation) -> {
			DepositRequest deposit = invocation.getValue().unpack(DepositRequest.class);
			AccountState next = AccountState.newBuilder()
				.setAccountId(deposit.getAccountId())
				.setBalance(deposit.getAmount())
				.build();
			return TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
				.setUpdatedContext(Context.newBuilder().setState(Any.pack(next)))
				.setValue(Any.pack(next)));
		});
		ProxyClient client = new ProxyClient(this.port);
		OperationsHttp ops = new OperationsHttp(this.port);
		client.register(registration(ByteString.EMPTY));
		assertThat(client.invoke(call(SYSTEM, "acct-1", "Deposit")
			.setRegisterRef("Account")
			.setValue(Any.pack(DepositRequest.newBuilder().setAccountId("acct-1").setAmount(7).build()))
			.build()).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ops.get("/spawnactors/" + SYSTEM + "/acct-1/state").status() == 200);

		JsonNode unknown = ops.get("/spawnactors/" + SYSTEM + "/acct-1/state").body();
		client.register(registration(
				ByteString.copyFrom(Files.readAllBytes(Path.of("target", "test-descriptors", "contract.pb")))));
		JsonNode known = ops.get("/spawnactors/" + SYSTEM + "/acct-1/state").body();

		assertThat(unknown.get("status").asString()).isEqualTo("PROTOBUF_BYTES");
		assertThat(unknown.get("typeUrl").asString()).endsWith(AccountState.getDescriptor().getFullName());
		assertThat(unknown.get("base64").asString()).isNotBlank();
		assertThat(unknown.get("message").asString()).contains(AccountState.getDescriptor().getFullName());
		assertThat(known.get("status").asString()).as(known.toString()).isEqualTo("PROTOBUF_JSON");
		assertThat(known.get("value").get("accountId").asString()).isEqualTo("acct-1");
		assertThat(known.get("value").get("balance").asLong()).isEqualTo(7);
	}

	private static RegistrationRequest registration(ByteString contracts) {
		return ProxyClient.registration(SYSTEM, actor("Account", Kind.UNNAMED, "Deposit", "SetNote", "GetBalance"))
			.toBuilder()
			.setContracts(contracts)
			.build();
	}

}
