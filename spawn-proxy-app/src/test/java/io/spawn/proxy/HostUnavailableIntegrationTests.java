package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A proxy whose host is not running: calls fail fast with 503 instead of hanging, and the proxy stays up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostUnavailableIntegrationTests {

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		registry.add("spawn.proxy.host.host", () -> "127.0.0.1");
		registry.add("spawn.proxy.host.port", () -> closedPort);
		registry.add("spawn.proxy.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()));
	}

	@Test
	void aHostThatIsDownIsA503AndTheProxyKeepsServing() {
		ProxyClient proxy = new ProxyClient(this.port);
		proxy.register(ProxyClient.registration("down", actor("a", Kind.NAMED, "go")));

		long started = System.nanoTime();
		ProxyClient.Reply first = proxy.invoke(call("down", "a", "go").build());
		ProxyClient.Reply second = proxy.invoke(call("down", "a", "go").build());
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(first.status()).isEqualTo(503);
		assertThat(first.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(first.message()).contains("host unavailable").contains("127.0.0.1");
		assertThat(second.status()).isEqualTo(503);
		assertThat(elapsedMillis).isLessThan(10_000);
		assertThat(proxy.getText("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

}
