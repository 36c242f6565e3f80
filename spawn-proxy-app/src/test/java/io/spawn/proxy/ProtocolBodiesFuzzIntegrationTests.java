package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.Kind;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Property-based fuzzing (jqwik, fixed seeds, bounded tries) of the protocol bodies of a running proxy: for random
 * bytes and mutations of valid register, spawn and invoke messages, every answer is a protobuf message with a status
 * and a code below 500 and no stack trace; an actor that no generated message names keeps its state; the proxy keeps
 * serving. A failing case is shrunk to a small body that repeats it.
 */
class ProtocolBodiesFuzzIntegrationTests {

	private static final String SYSTEM = "fuzzed";

	/**
	 * The guard's system, which no generated message names (the fuzzed registrations may replace SYSTEM's actors,
	 * which is their right).
	 */
	private static final String GUARDED = "guarded-system";

	private static final byte[] INVOCATION = call(SYSTEM, "echo", "say", "hello").build().toByteArray();

	private static final byte[] REGISTRATION = ProxyClient.registration(SYSTEM, actor("echo", Kind.NAMED, "say"))
		.toByteArray();

	private static final byte[] SPAWN = SpawnRequest.newBuilder()
		.addActors(ActorId.newBuilder().setName("i1").setParent("echo").setSystem(SYSTEM))
		.build()
		.toByteArray();

	private static TestHost host;

	private static ConfigurableApplicationContext context;

	private static ProxyClient proxy;

	@BeforeContainer
	static void startProxy() {
		host = new TestHost();
		context = new SpringApplicationBuilder(io.spawn.proxy.SpawnProxyApplication.class).run("--server.port=0",
				"--spawn.proxy.grpc.enabled=false", "--spawn.proxy.host.host=127.0.0.1",
				"--spawn.proxy.host.port=" + host.port(),
				"--spawn.proxy.data-dir=" + Path.of("target", "test-data", UUID.randomUUID().toString()));
		proxy = new ProxyClient(((WebServerApplicationContext) context).getWebServer().getPort());
		proxy.register(ProxyClient.registration(GUARDED, actor("guard", Kind.NAMED, "set")));
		proxy.register(ProxyClient.registration(SYSTEM, actor("echo", Kind.NAMED, "say")));
		host.on(GUARDED, "guard", "set", TestHost::setState);
		host.on(SYSTEM, "echo", "say", TestHost::echo);
		assertThat(proxy.invoke(call(GUARDED, "guard", "set", "kept").build()).status()).isEqualTo(200);
	}

	@AfterContainer
	static void checkAndStop() {
		try {
			// The generated registrations may have replaced the fuzzed system's actors: register echo again.
			proxy.register(ProxyClient.registration(SYSTEM, actor("echo", Kind.NAMED, "say")));
			assertThat(host.receivedBy(GUARDED, "guard", "set")).as("no generated message ran the guard").hasSize(1);
			assertThat(ProxyClient.text(proxy.invoke(call(GUARDED, "guard", "get").build()).response().getValue()))
				.isEqualTo("kept");
			assertThat(proxy.invoke(call(SYSTEM, "echo", "say", "still").build()).status())
				.as("the proxy keeps serving")
				.isEqualTo(200);
		}
		finally {
			context.close();
			host.close();
		}
	}

	@Property(tries = 1_500, seed = "1208", shrinking = ShrinkingMode.BOUNDED)
	void invokeBodiesGetAProtocolAnswer(@ForAll("invocations") byte[] body) {
		assertProtocolAnswer(proxy.post(ProxyClient.invokePath(SYSTEM, "echo"), ProxyClient.PROTOBUF, body));
	}

	@Property(tries = 750, seed = "1209", shrinking = ShrinkingMode.BOUNDED)
	void registrationBodiesGetAProtocolAnswer(@ForAll("registrations") byte[] body) {
		assertProtocolAnswer(proxy.post("/api/v1/system", ProxyClient.PROTOBUF, body));
	}

	@Property(tries = 750, seed = "1210", shrinking = ShrinkingMode.BOUNDED)
	void spawnBodiesGetAProtocolAnswer(@ForAll("spawns") byte[] body) {
		assertProtocolAnswer(proxy.post("/api/v1/system/" + SYSTEM + "/actors/spawn", ProxyClient.PROTOBUF, body));
	}

	@Provide
	Arbitrary<byte[]> invocations() {
		return bodies(INVOCATION);
	}

	@Provide
	Arbitrary<byte[]> registrations() {
		return bodies(REGISTRATION);
	}

	@Provide
	Arbitrary<byte[]> spawns() {
		return bodies(SPAWN);
	}

	private static void assertProtocolAnswer(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).isLessThan(500);
		InvocationResponse answer;
		try {
			// Every protocol response has its RequestStatus in field 1.
			answer = InvocationResponse.parseFrom(response.body());
		}
		catch (InvalidProtocolBufferException ex) {
			throw new AssertionError("the answer is not protobuf", ex);
		}
		assertThat(answer.hasStatus()).isTrue();
		assertThat(answer.getStatus().getMessage()).doesNotContain("\tat ")
			.doesNotContainPattern("\\bat [a-z]+\\.[a-zA-Z.$]+\\(");
	}

	/** Random bytes, or the valid message with bytes flipped, cut short or extended. */
	private static Arbitrary<byte[]> bodies(byte[] valid) {
		Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
		Arbitrary<byte[]> flipped = Arbitraries.integers()
			.between(0, valid.length - 1)
			.tuple2()
			.list()
			.ofMinSize(1)
			.ofMaxSize(8)
			.map((changes) -> {
				byte[] copy = valid.clone();
				changes.forEach((change) -> copy[change.get1()] = (byte) (copy[change.get1()] ^ (change.get2() + 1)));
				return copy;
			});
		Arbitrary<byte[]> truncated = Arbitraries.integers()
			.between(0, valid.length - 1)
			.map((length) -> Arrays.copyOf(valid, length));
		Arbitrary<byte[]> extended = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64).map((tail) -> {
			byte[] copy = Arrays.copyOf(valid, valid.length + tail.length);
			System.arraycopy(tail, 0, copy, valid.length, tail.length);
			return copy;
		});
		return Arbitraries.oneOf(random, flipped, truncated, extended);
	}

}
