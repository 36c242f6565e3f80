package io.spawn.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.autoconfigure.SpawnSidecarLifecycle;
import io.spawn.proxy.grpc.GrpcServerLifecycle;
import io.spawn.proxy.grpc.contract.GreetRequest;
import io.spawn.proxy.grpc.contract.GreeterGrpc;
import io.spawn.proxy.grpc.contract.Greeting;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The starter in sidecar mode sends {@code spawn.sidecar.contracts} with its registration, and a proxy with no
 * descriptors directory serves the contract over gRPC, calling the application's actor.
 */
class StarterContractsIntegrationTests {

	private static final String SYSTEM = "starter-contracts";

	@Test
	void aContractSentByTheStarterIsServedByTheProxy() throws Exception {
		int hostPort = freePort();
		Path dataDir = Files.createTempDirectory("spawn-starter-contracts-");
		Path noDescriptors = dataDir.resolve("descriptors");
		try (ConfigurableApplicationContext proxy = new SpringApplicationBuilder(SpawnProxyApplication.class).run(
				"--server.port=0", "--spawn.proxy.host.host=127.0.0.1", "--spawn.proxy.host.port=" + hostPort,
				"--spawn.proxy.data-dir=" + dataDir, "--spawn.proxy.actor-system=" + SYSTEM,
				"--spawn.proxy.grpc.port=0", "--spawn.proxy.grpc.descriptors-dir=" + noDescriptors)) {
			GrpcServerLifecycle grpc = proxy.getBean(GrpcServerLifecycle.class);
			assertThat(grpc.port()).isEqualTo(-1);
			String proxyPort = proxy.getEnvironment().getProperty("local.server.port");
			try (ConfigurableApplicationContext user = new SpringApplicationBuilder(UserApplication.class)
				.web(WebApplicationType.NONE)
				.run("--spring.config.name=starter-contracts", "--spring.application.name=contracts-app",
						"--spawn.system=" + SYSTEM, "--spawn.mode=sidecar",
						"--spawn.sidecar.proxy-url=http://127.0.0.1:" + proxyPort,
						"--spawn.sidecar.host-address=127.0.0.1", "--spawn.sidecar.host-port=" + hostPort,
						"--spawn.sidecar.contracts=file:target/test-descriptors/contract.pb")) {
				assertThat(user.getBean(SpawnSidecarLifecycle.class).awaitRegistration(Duration.ofSeconds(20))).isTrue();

				ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpc.port())
					.usePlaintext()
					.build();
				try {
					Greeting greeting = GreeterGrpc.newBlockingStub(channel)
						.withDeadlineAfter(10, TimeUnit.SECONDS)
						.greet(GreetRequest.newBuilder().setName("Ada").build());
					assertThat(greeting.getText()).isEqualTo("Hello from the starter, Ada!");
				}
				finally {
					channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
				}
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(GreeterActor.class)
	static class UserApplication {

	}

	/** The actor the contract's {@code spawn.proxytest.Greeter} service names. */
	@Actor(value = "Greeter", stateful = false)
	public static class GreeterActor {

		@Action("Greet")
		public Greeting greet(GreetRequest request) {
			return Greeting.newBuilder().setText("Hello from the starter, " + request.getName() + "!").build();
		}

	}

}
