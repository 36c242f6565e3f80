package io.spawn.proxy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.MeterRegistry;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.auth.BearerToken;
import io.spawn.proxy.grpc.GrpcServerLifecycle;
import io.spawn.proxy.grpc.contract.GreetRequest;
import io.spawn.proxy.grpc.contract.GreeterGrpc;
import io.spawn.proxy.grpc.contract.Greeting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A proxy whose token comes from a file: every protocol route, contract HTTP/JSON route and contract gRPC call
 * needs it, a refused request runs and registers nothing, the token reaches the host, a rotated file takes effect
 * without a restart, and the probes stay open.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spawn.proxy.actor-system=" + BearerTokenIntegrationTests.SYSTEM, "spawn.proxy.grpc.port=0",
				"spawn.proxy.grpc.descriptors-dir=target/test-descriptors",
				"management.endpoints.web.exposure.include=health,info,metrics,prometheus" })
class BearerTokenIntegrationTests {

	static final String SYSTEM = "secured";

	static final TestHost host = new TestHost();

	static final Path tokenDir = temporaryDirectory();

	static final Path tokenFile = tokenDir.resolve("token");

	private static final String FIRST_TOKEN = "first-" + UUID.randomUUID();

	private static final String WRONG_TOKEN = "wrong-" + UUID.randomUUID();

	private static volatile String currentToken = FIRST_TOKEN;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Autowired
	MeterRegistry meters;

	@Autowired
	GrpcServerLifecycle grpc;

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void proxyProperties(DynamicPropertyRegistry registry) {
		writeToken(FIRST_TOKEN);
		registry.add("spawn.proxy.security.token-file", tokenFile::toString);
		registry.add("spawn.proxy.host.host", () -> "127.0.0.1");
		registry.add("spawn.proxy.host.port", host::port);
		registry.add("spawn.proxy.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()));
	}

	@AfterAll
	static void stopHost() {
		host.close();
	}

	@BeforeEach
	void answerGreetings() {
		host.on(SYSTEM, "Greeter", "Greet", (invocation) -> TestHost.Reply.ok(ActorInvocationResponse.newBuilder()
			.setValue(com.google.protobuf.Any.pack(Greeting.newBuilder()
				.setText("Hello, " + invocation.getValue().unpack(GreetRequest.class).getName())
				.build()))));
		host.on(SYSTEM, "echo", "say", TestHost::echo);
	}

	@Test
	void aRegistrationWithoutTheTokenIsA401AndRegistersNothing(CapturedOutput output) {
		String actor = "unregistered-" + UUID.randomUUID();
		double before = rejected("missing");

		HttpResponse<byte[]> response = post("/api/v1/system",
				ProxyClient.registration(SYSTEM, actor(actor, Kind.NAMED, "say")).toByteArray(), null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Spawn-Status")).hasValue("UNAUTHENTICATED");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Bearer"));
		RegistrationResponse answer = ProxyClient.parse(response, RegistrationResponse.parser());
		assertThat(answer.getStatus().getStatus()).isEqualTo(io.spawn.protocol.Status.ERROR);
		assertThat(answer.getStatus().getMessage()).contains("Authorization: Bearer");
		assertThat(rejected("missing")).isEqualTo(before + 1);
		assertThat(output).contains("WARN").contains("Refused POST /api/v1/system from 127.0.0.1 over http: no bearer token");
		// Not registered: with the token, a call to it finds no such actor.
		InvocationResponse call = invoke(actor, currentToken);
		assertThat(call.getStatus().getStatus()).isEqualTo(io.spawn.protocol.Status.ACTOR_NOT_FOUND);
	}

	@Test
	void aWrongTokenIsA401ThatRunsNothingAndIsLoggedWithoutTheToken(CapturedOutput output) {
		registerEcho();
		double before = rejected("invalid");
		int received = host.receivedBy(SYSTEM, "echo").size();

		HttpResponse<byte[]> response = post(ProxyClient.invokePath(SYSTEM, "echo"),
				call(SYSTEM, "echo", "say", "hi").build().toByteArray(), WRONG_TOKEN);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(ProxyClient.parse(response, InvocationResponse.parser()).getStatus().getMessage())
			.contains("not the one this proxy accepts");
		assertThat(rejected("invalid")).isEqualTo(before + 1);
		assertThat(host.receivedBy(SYSTEM, "echo")).hasSize(received);
		assertThat(output).contains("a wrong bearer token").doesNotContain(WRONG_TOKEN);
	}

	@Test
	void anotherSchemeThanBearerCountsAsNoToken() {
		registerEcho();

		HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(ProxyClient.invokePath(SYSTEM, "echo")))
			.header("Content-Type", ProxyClient.PROTOBUF)
			.header("Authorization", "Basic " + currentToken)
			.POST(HttpRequest.BodyPublishers.ofByteArray(call(SYSTEM, "echo", "say", "hi").build().toByteArray()))
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void theStateRoutesNeedTheTokenToo() {
		registerEcho();

		HttpResponse<byte[]> read = send(HttpRequest.newBuilder(uri("/api/v1/system/" + SYSTEM + "/actors/echo"))
			.GET()
			.build());
		HttpResponse<byte[]> delete = send(
				HttpRequest.newBuilder(uri("/api/v1/system/" + SYSTEM + "/actors/echo/state")).DELETE().build());
		HttpResponse<byte[]> spawn = post("/api/v1/system/" + SYSTEM + "/actors/spawn", new byte[0], WRONG_TOKEN);

		assertThat(read.statusCode()).isEqualTo(401);
		assertThat(delete.statusCode()).isEqualTo(401);
		assertThat(spawn.statusCode()).isEqualTo(401);
	}

	@Test
	void withTheTokenACallRunsAndTheHostReceivesTheToken() {
		registerEcho();

		InvocationResponse answer = invoke("echo", currentToken);

		assertThat(answer.getStatus().getStatus()).isEqualTo(io.spawn.protocol.Status.OK);
		assertThat(host.receivedBy(SYSTEM, "echo").getLast().authorization()).isEqualTo("Bearer " + currentToken);
	}

	@Test
	void aPathThroughActuatorDoesNotSkipTheToken() throws IOException {
		String actor = "sneaky-" + UUID.randomUUID();
		byte[] body = ProxyClient.registration(SYSTEM, actor(actor, Kind.NAMED, "say")).toByteArray();
		String head = "POST /actuator/../api/v1/system HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				+ "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n";

		String status;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			status = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
		}

		assertThat(status).doesNotContain(" 200 ");
		assertThat(invoke(actor, currentToken).getStatus().getStatus())
			.isEqualTo(io.spawn.protocol.Status.ACTOR_NOT_FOUND);
	}

	@Test
	void healthDetailsShowOnlyWithTheToken() {
		HttpResponse<byte[]> anonymous = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build());
		HttpResponse<byte[]> authorized = send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
			.header("Authorization", "Bearer " + currentToken)
			.build());
		HttpResponse<byte[]> wrong = send(HttpRequest.newBuilder(uri("/actuator/health"))
			.header("Authorization", "Bearer " + WRONG_TOKEN)
			.build());

		assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"UP\"}");
		assertThat(new String(authorized.body(), StandardCharsets.UTF_8)).contains("readinessState")
			.contains("spawnRuntime")
			.contains("\"db\"")
			.contains("\"database\"");
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).contains("\"status\":\"UP\"")
			.doesNotContain("components");
	}

	@Test
	void theOtherActuatorEndpointsNeedTheToken() {
		for (String path : new String[] { "/actuator", "/actuator/metrics", "/actuator/info",
				"/actuator/metrics/spawn.invocations", "/actuator/health/db" }) {
			HttpResponse<byte[]> refused = send(HttpRequest.newBuilder(uri(path)).build());
			assertThat(refused.statusCode()).as(path).isEqualTo(401);
			assertThat(new String(refused.body(), StandardCharsets.UTF_8)).as(path).contains("\"code\":16");
		}
		HttpResponse<byte[]> metrics = send(HttpRequest.newBuilder(uri("/actuator/metrics"))
			.header("Authorization", "Bearer " + currentToken)
			.build());
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(new String(metrics.body(), StandardCharsets.UTF_8)).contains("spawn.security.rejected");
	}

	@Test
	void theProbesAndPrometheusNeedNoToken() {
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/liveness")).build()).statusCode()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build()).statusCode())
			.isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build()).statusCode()).isEqualTo(200);
	}

	@Test
	void aContractHttpRouteNeedsTheToken() {
		registerGreeter();

		HttpResponse<byte[]> refused = send(HttpRequest.newBuilder(uri("/v1/greeter/Ada")).GET().build());
		HttpResponse<byte[]> accepted = send(HttpRequest.newBuilder(uri("/v1/greeter/Ada"))
			.header("Authorization", "Bearer " + currentToken)
			.GET()
			.build());

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("\"code\":16");
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(new String(accepted.body(), StandardCharsets.UTF_8)).contains("Hello, Ada");
	}

	@Test
	void aContractGrpcCallNeedsTheTokenButHealthDoesNot() throws InterruptedException {
		registerGreeter();
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.grpc.port()).usePlaintext().build();
		try {
			GreeterGrpc.GreeterBlockingStub greeter = GreeterGrpc.newBlockingStub(channel);
			Metadata wrong = new Metadata();
			wrong.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + WRONG_TOKEN);
			Metadata right = new Metadata();
			right.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + currentToken);
			GreetRequest request = GreetRequest.newBuilder().setName("Grace").build();

			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> greeter.greet(request))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
			assertThatExceptionOfType(StatusRuntimeException.class)
				.isThrownBy(() -> greeter.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(wrong))
					.greet(request))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
			assertThat(greeter.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(right))
				.greet(request)
				.getText()).isEqualTo("Hello, Grace");
			assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
				.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void aRotatedTokenFileIsReadWithoutARestart() {
		registerEcho();
		String previous = currentToken;
		String next = "rotated-" + UUID.randomUUID();

		writeToken(next);
		currentToken = next;

		await().atMost(Duration.ofSeconds(10))
			.until(() -> post(ProxyClient.invokePath(SYSTEM, "echo"),
					call(SYSTEM, "echo", "say", "hi").build().toByteArray(), next).statusCode() == 200);
		assertThat(post(ProxyClient.invokePath(SYSTEM, "echo"), call(SYSTEM, "echo", "say", "hi").build().toByteArray(),
				previous).statusCode()).isEqualTo(401);
		// The host is called with the new token from then on.
		assertThat(host.receivedBy(SYSTEM, "echo").getLast().authorization()).isEqualTo("Bearer " + next);
	}

	private void registerEcho() {
		HttpResponse<byte[]> response = post("/api/v1/system",
				ProxyClient.registration(SYSTEM, actor("echo", Kind.NAMED, "say"),
						actor("Greeter", Kind.NAMED, "Greet")).toByteArray(), currentToken);
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private void registerGreeter() {
		registerEcho();
	}

	private InvocationResponse invoke(String actor, String token) {
		HttpResponse<byte[]> response = post(ProxyClient.invokePath(SYSTEM, actor),
				call(SYSTEM, actor, "say", "hi").build().toByteArray(), token);
		return ProxyClient.parse(response, InvocationResponse.parser());
	}

	private double rejected(String reason) {
		var counter = this.meters.find("spawn.security.rejected").tags("transport", "http", "reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<byte[]> post(String path, byte[] body, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", ProxyClient.PROTOBUF)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.build());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** As the kubelet rotates a mounted Secret: a new file moved over the old one. */
	private static void writeToken(String token) {
		try {
			Path next = Files.createTempFile(tokenDir, "token", ".tmp");
			Files.writeString(next, token + "\n");
			Files.move(next, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createDirectories(Path.of("target", "test-tokens", UUID.randomUUID().toString()))
				.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
