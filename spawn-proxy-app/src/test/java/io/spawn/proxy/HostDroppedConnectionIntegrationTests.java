package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A host that accepts the action request and closes the connection without answering: the action may have run,
 * so the caller gets 502 (not retriable), never the 503 of "host unavailable" that invites a retry elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostDroppedConnectionIntegrationTests {

	private static final AtomicInteger received = new AtomicInteger();

	private static final ServerSocket host = startHost();

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spawn.proxy.host.host", () -> "127.0.0.1");
		registry.add("spawn.proxy.host.port", host::getLocalPort);
		registry.add("spawn.proxy.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()));
	}

	@AfterAll
	static void stopHost() throws IOException {
		host.close();
	}

	@Test
	void aHostThatDropsTheConnectionAfterReceivingTheCallIsA502() {
		ProxyClient proxy = new ProxyClient(this.port);
		proxy.register(ProxyClient.registration("dropping", actor("payments", Kind.NAMED, "pay")));

		ProxyClient.Reply reply = proxy.invoke(call("dropping", "payments", "pay").build());

		assertThat(received.get()).as("the host received the call").isEqualTo(1);
		assertThat(reply.status()).isEqualTo(502);
		assertThat(reply.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(reply.message()).contains("closed the connection without answering")
			.contains("the action may have run")
			.doesNotContain("host unavailable");
	}

	private static ServerSocket startHost() {
		try {
			ServerSocket socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
			Thread.ofVirtual().start(() -> {
				while (!socket.isClosed()) {
					try (Socket connection = socket.accept()) {
						readRequest(connection.getInputStream());
						received.incrementAndGet();
						connection.shutdownOutput();
					}
					catch (IOException ex) {
						// closed
					}
				}
			});
			return socket;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void readRequest(InputStream in) throws IOException {
		StringBuilder headers = new StringBuilder();
		while (!headers.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				return;
			}
			headers.append((char) b);
		}
		Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
		if (length.find()) {
			in.readNBytes(Integer.parseInt(length.group(1)));
		}
	}

}
