package io.spawn.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.spawn.autoconfigure.SpawnSidecarLifecycle;
import io.spawn.proxy.grpc.GrpcServerLifecycle;
import io.spawn.proxy.grpc.contract.GreetRequest;
import io.spawn.proxy.grpc.contract.GreeterGrpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter in sidecar mode and a proxy sharing one token: the application registers, and a call through the
 * proxy reaches its actor, the proxy authenticating to the host endpoint. With another token the registration is
 * refused and the proxy knows no actor.
 */
class StarterTokenIntegrationTests {

	private static final String SYSTEM = "starter-token";

	private static final String TOKEN = "shared-" + UUID.randomUUID();

	@Test
	void withTheSameTokenTheApplicationRegistersAndItsActorIsCalled() throws Exception {
		int hostPort = freePort();
		try (ConfigurableApplicationContext proxy = proxy(hostPort);
				ConfigurableApplicationContext user = user(proxy, hostPort, TOKEN)) {
			assertThat(user.getBean(SpawnSidecarLifecycle.class).awaitRegistration(Duration.ofSeconds(20))).isTrue();
			Metadata headers = new Metadata();
			headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
			ManagedChannel channel = ManagedChannelBuilder
				.forAddress("127.0.0.1", proxy.getBean(GrpcServerLifecycle.class).port())
				.usePlaintext()
				.build();
			try {
				String text = GreeterGrpc.newBlockingStub(channel)
					.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
					.withDeadlineAfter(10, TimeUnit.SECONDS)
					.greet(GreetRequest.newBuilder().setName("Ada").build())
					.getText();
				assertThat(text).isEqualTo("Hello from the starter, Ada!");
			}
			finally {
				channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void withAnotherTokenTheRegistrationIsRefused() throws Exception {
		int hostPort = freePort();
		try (ConfigurableApplicationContext proxy = proxy(hostPort);
				ConfigurableApplicationContext user = user(proxy, hostPort, "not-" + TOKEN)) {
			assertThat(user.getBean(SpawnSidecarLifecycle.class).awaitRegistration(Duration.ofSeconds(3))).isFalse();
			assertThat(proxy.getBean(GrpcServerLifecycle.class).port()).as("no contract registered, no server")
				.isEqualTo(-1);
		}
	}

	private static ConfigurableApplicationContext proxy(int hostPort) throws IOException {
		Path dataDir = Files.createTempDirectory("spawn-starter-token-");
		return new SpringApplicationBuilder(SpawnProxyApplication.class).run("--server.port=0",
				"--spawn.proxy.host.host=127.0.0.1", "--spawn.proxy.host.port=" + hostPort,
				"--spawn.proxy.data-dir=" + dataDir, "--spawn.proxy.actor-system=" + SYSTEM,
				"--spawn.proxy.grpc.port=0", "--spawn.proxy.grpc.descriptors-dir=" + dataDir.resolve("descriptors"),
				"--spawn.proxy.security.token=" + TOKEN);
	}

	private static ConfigurableApplicationContext user(ConfigurableApplicationContext proxy, int hostPort,
			String token) {
		return new SpringApplicationBuilder(StarterContractsIntegrationTests.UserApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.config.name=starter-token", "--spring.application.name=token-app", "--spawn.system=" + SYSTEM,
					"--spawn.mode=sidecar",
					"--spawn.sidecar.proxy-url=http://127.0.0.1:" + proxy.getEnvironment().getProperty("local.server.port"),
					"--spawn.sidecar.host-address=127.0.0.1", "--spawn.sidecar.host-port=" + hostPort,
					"--spawn.sidecar.contracts=file:target/test-descriptors/contract.pb", "--spawn.sidecar.token=" + token);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
