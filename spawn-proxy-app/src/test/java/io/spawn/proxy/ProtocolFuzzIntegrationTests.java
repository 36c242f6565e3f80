package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.actors.Kind;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing of the protocol routes with random bytes and mutations of valid messages, from a fixed seed (so
 * a failure repeats): every answer is a protobuf message with a status and a 4xx code, or OK, never a 500 or a
 * stack trace; the proxy keeps serving; and an actor that no fuzzed message names keeps its state.
 */
class ProtocolFuzzIntegrationTests extends ProxyIntegrationTestSupport {

	private static final long SEED = 0x5ba77e5L;

	@Test
	void invokeBodiesNeverCrashTheRouteNorChangeAnotherActor() throws Exception {
		register(actor("guard", Kind.NAMED, "set"), actor("echo", Kind.NAMED, "say"));
		on("guard", "set", TestHost::setState);
		on("echo", "say", TestHost::echo);
		assertThat(this.proxy.invoke(call(this.system, "guard", "set", "kept").build()).status()).isEqualTo(200);
		byte[] valid = call(this.system, "echo", "say", "hello").build().toByteArray();

		fuzz(new Random(SEED), valid, 5_000, (body) -> this.proxy.post(ProxyClient.invokePath(this.system, "echo"),
				ProxyClient.PROTOBUF, body));

		assertThat(received("guard")).hasSize(1);
		assertThat(ProxyClient.text(this.proxy.invoke(call(this.system, "guard", "get").build()).response().getValue()))
			.isEqualTo("kept");
	}

	@Test
	void registrationAndSpawnBodiesNeverCrashTheRoutes() throws Exception {
		byte[] registration = ProxyClient.registration(this.system, actor("echo", Kind.NAMED, "say")).toByteArray();
		byte[] spawn = io.spawn.protocol.SpawnRequest.newBuilder()
			.addActors(io.spawn.protocol.actors.ActorId.newBuilder().setName("i1").setParent("t").setSystem(this.system))
			.build()
			.toByteArray();

		fuzz(new Random(SEED + 1), registration, 2_000,
				(body) -> this.proxy.post("/api/v1/system", ProxyClient.PROTOBUF, body));
		fuzz(new Random(SEED + 2), spawn, 2_000,
				(body) -> this.proxy.post("/api/v1/system/" + this.system + "/actors/spawn", ProxyClient.PROTOBUF,
						body));

		register(actor("echo", Kind.NAMED, "say"));
		on("echo", "say", TestHost::echo);
		assertThat(this.proxy.invoke(call(this.system, "echo", "say", "still").build()).status())
			.as("the proxy keeps serving").isEqualTo(200);
	}

	private static void fuzz(Random random, byte[] valid, int cases, Route route) throws Exception {
		for (int i = 0; i < cases; i++) {
			byte[] body = next(random, valid);
			HttpResponse<byte[]> response = route.post(body);
			String context = "case " + i + " of seed-derived run, body " + Arrays.toString(body);
			assertThat(response.statusCode()).as(context).isLessThan(500);
			InvocationResponse answer;
			try {
				// Every protocol response has its RequestStatus in field 1.
				answer = InvocationResponse.parseFrom(response.body());
			}
			catch (InvalidProtocolBufferException ex) {
				throw new AssertionError(context + ": the answer is not protobuf", ex);
			}
			assertThat(answer.getStatus().getMessage()).as(context)
				.doesNotContain("\tat ")
				.doesNotContainPattern("\\bat [a-z]+\\.[a-zA-Z.$]+\\(");
		}
	}

	/** Random bytes, or the valid message with bytes changed, cut short or extended. */
	private static byte[] next(Random random, byte[] valid) {
		switch (random.nextInt(4)) {
			case 0 -> {
				byte[] bytes = new byte[random.nextInt(512)];
				random.nextBytes(bytes);
				return bytes;
			}
			case 1 -> {
				byte[] copy = valid.clone();
				for (int n = 1 + random.nextInt(8); n > 0; n--) {
					copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
				}
				return copy;
			}
			case 2 -> {
				return Arrays.copyOf(valid, random.nextInt(valid.length));
			}
			default -> {
				byte[] tail = new byte[1 + random.nextInt(64)];
				random.nextBytes(tail);
				byte[] copy = Arrays.copyOf(valid, valid.length + tail.length);
				System.arraycopy(tail, 0, copy, valid.length, tail.length);
				return copy;
			}
		}
	}

	@FunctionalInterface
	private interface Route {

		HttpResponse<byte[]> post(byte[] body) throws Exception;

	}

}
