package io.spawn.proxy;

import io.spawn.protocol.RegistrationRequest;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One proxy on a random port, shared by the protocol test classes (they extend this class, so Spring caches one
 * context for all of them), in front of one {@link TestHost}. Each test works in an actor system of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spawn.proxy.runtime.mailbox-capacity=8", "spawn.proxy.runtime.snapshot-interval=100ms" })
abstract class ProxyIntegrationTestSupport {

	static final TestHost host = new TestHost();

	private static final AtomicInteger systems = new AtomicInteger();

	@Value("${local.server.port}")
	int port;

	ProxyClient proxy;

	String system;

	@DynamicPropertySource
	static void proxyProperties(DynamicPropertyRegistry registry) {
		registry.add("spawn.proxy.host.host", () -> "127.0.0.1");
		registry.add("spawn.proxy.host.port", host::port);
		registry.add("spawn.proxy.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()));
	}

	@BeforeEach
	void newSystem(TestInfo test) {
		this.proxy = new ProxyClient(this.port);
		this.system = test.getTestMethod().map((method) -> method.getName()).orElse("test") + "-"
				+ systems.incrementAndGet();
	}

	/** Answers an action of an actor of this test's system. */
	void on(String actor, String action, TestHost.Handler handler) {
		host.on(this.system, actor, action, handler);
	}

	java.util.List<TestHost.Received> received(String actor) {
		return host.receivedBy(this.system, actor);
	}

	java.util.List<TestHost.Received> received(String actor, String action) {
		return host.receivedBy(this.system, actor, action);
	}

	void register(io.spawn.protocol.actors.Actor.Builder... actors) {
		RegistrationRequest request = ProxyClient.registration(this.system, actors);
		this.proxy.register(request);
	}

}
