package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.SpawnResponse;
import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every row of the error table, end to end: the status in the body and the HTTP code beside it, always as a
 * protobuf answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProtocolErrorsIntegrationTests extends ProxyIntegrationTestSupport {


	private static final int LIMIT = 4 * 1024 * 1024;

	@Autowired
	ActorRuntime runtime;

	@Test
	void randomBytesAreA400NamingTheMessageThatFailedToDecode() {
		byte[] garbage = new byte[64];
		new Random(7).nextBytes(garbage);
		assertThatExceptionOfType(InvalidProtocolBufferException.class)
			.isThrownBy(() -> InvocationRequest.parseFrom(garbage));

		ProxyClient.Reply reply = invokeRaw(garbage);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(reply.message()).contains("spawn.InvocationRequest").contains("64 bytes");
	}

	@Test
	void aTruncatedMessageIsA400() {
		register(actor("echo", Kind.NAMED, "say"));
		byte[] whole = call(this.system, "echo", "say", "a payload long enough to cut in half").build().toByteArray();

		ProxyClient.Reply reply = invokeRaw(Arrays.copyOf(whole, whole.length - 10));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(reply.message()).contains("spawn.InvocationRequest").contains("truncated");
	}

	@Test
	void aRegistrationThatFailsToDecodeIsA400RegistrationResponse() {
		HttpResponse<byte[]> response = this.proxy.post("/api/v1/system", ProxyClient.PROTOBUF,
				new byte[] { 0x12, 0x7f, 0x01 });

		assertThat(response.statusCode()).isEqualTo(400);
		RegistrationResponse answer = ProxyClient.parse(response, RegistrationResponse.parser());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(answer.getStatus().getMessage()).contains("spawn.RegistrationRequest");
	}

	@Test
	void anInvalidRegistrationIsA400SayingWhatIsWrong() {
		var broken = actor("broken", Kind.NAMED).addActions(Action.newBuilder().setName(" "));

		HttpResponse<byte[]> response = this.proxy.post("/api/v1/system", ProxyClient.PROTOBUF,
				ProxyClient.registration(this.system, broken).toByteArray());

		assertThat(response.statusCode()).isEqualTo(400);
		RegistrationResponse answer = ProxyClient.parse(response, RegistrationResponse.parser());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(answer.getStatus().getMessage()).contains("broken").contains("without a name");
	}

	@Test
	void aWrongContentTypeIsA415() {
		register(actor("echo", Kind.NAMED, "say"));
		byte[] body = call(this.system, "echo", "say", "x").build().toByteArray();

		HttpResponse<byte[]> json = this.proxy.post(ProxyClient.invokePath(this.system, "echo"), "application/json",
				body);
		HttpResponse<byte[]> registration = this.proxy.post("/api/v1/system", "text/plain", body);

		assertThat(json.statusCode()).isEqualTo(415);
		InvocationResponse answer = ProxyClient.parse(json, InvocationResponse.parser());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(answer.getStatus().getMessage()).contains("application/json").contains("application/octet-stream");
		assertThat(registration.statusCode()).isEqualTo(415);
		assertThat(ProxyClient.parse(registration, RegistrationResponse.parser()).getStatus().getMessage())
			.contains("text/plain");
		assertThat(received("echo")).isEmpty();
	}

	@Test
	void aBodyJustUnderTheLimitIsAccepted() {
		register(actor("echo", Kind.NAMED, "say"));
		on("echo", "say", TestHost::echo);
		byte[] big = new byte[LIMIT - 1024];
		InvocationRequest request = call(this.system, "echo", "say")
			.setValue(com.google.protobuf.Any.pack(BytesValue.of(ByteString.copyFrom(big))))
			.build();
		assertThat(request.getSerializedSize()).isLessThanOrEqualTo(LIMIT);

		ProxyClient.Reply reply = this.proxy.invoke(request);

		assertThat(reply.status()).isEqualTo(200);
	}

	@Test
	void aDeclaredContentLengthOverTheLimitIsA413AnsweredBeforeTheBodyIsSent() throws IOException {
		String head = "POST " + ProxyClient.invokePath(this.system, "echo") + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/octet-stream\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n";

		// Only the head and a few bytes are sent: the answer must come without the proxy waiting for the rest.
		RawResponse response = rawExchange(head, new byte[16], 0);

		assertThat(response.status()).isEqualTo(413);
		InvocationResponse answer = InvocationResponse.parseFrom(response.body());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(answer.getStatus().getMessage()).contains("exceeds the limit of " + LIMIT + " bytes");
	}

	@Test
	void aDeclaredContentLengthOverTheLimitIsAnsweredAtOnceWhileTheClientStalls() throws Exception {
		for (String path : new String[] { ProxyClient.invokePath(this.system, "echo"), "/v1/contract/route" }) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(5_000);
				// The head only, then the client stalls: the answer must come without a byte of the body, and
				// the proxy must not wait for the body to drain it (Tomcat would read up to its 2 MB
				// max-swallow-size first: without OversizeBodyValve this test times out).
				socket.getOutputStream().write(oversizeHead(path).getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
				RawResponse response = RawResponse.read(socket.getInputStream());

				assertThat(response.status()).as(path).isEqualTo(413);
				assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path)
					.contains("exceeds the limit of " + LIMIT + " bytes");
				assertThat(socket.getInputStream().read()).as("%s: the proxy closes the connection at once", path)
					.isEqualTo(-1);
			}
		}
		InvocationResponse answer = InvocationResponse.parseFrom(rawExchange(oversizeHead(
				ProxyClient.invokePath(this.system, "echo")), new byte[16], 0).body());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ERROR);
	}

	private static String oversizeHead(String path) {
		return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
				+ "Content-Length: " + (5L * 1024 * 1024) + "\r\n\r\n";
	}

	@Test
	void aChunkedBodyOverTheLimitIsA413() throws IOException {
		String head = "POST " + ProxyClient.invokePath(this.system, "echo") + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

		RawResponse response = rawExchange(head, null, 2 * LIMIT);

		assertThat(response.status()).isEqualTo(413);
		InvocationResponse answer = InvocationResponse.parseFrom(response.body());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(answer.getStatus().getMessage()).contains("exceeds the limit of " + LIMIT + " bytes");
	}

	@Test
	void anUnknownActorIsA404ActorNotFound(CapturedOutput output) {
		register(actor("echo", Kind.NAMED, "say"));

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "ghost", "say").build());
		ProxyClient.Reply noSystem = this.proxy.invoke(call("no-such-system", "echo", "say").build());

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.response().getStatus().getStatus()).isEqualTo(Status.ACTOR_NOT_FOUND);
		assertThat(reply.outcome()).isEqualTo("ACTOR_NOT_FOUND");
		assertThat(reply.message()).contains("ghost");
		assertThat(noSystem.status()).isEqualTo(404);
		assertThat(noSystem.response().getStatus().getStatus()).isEqualTo(Status.ACTOR_NOT_FOUND);
		assertThat(output).contains("WARN")
			.contains("Invocation failed: system='" + this.system + "' actor='ghost' action='say' status=ACTOR_NOT_FOUND");
	}

	@Test
	void anUnknownActionIsA404ErrorNamingActionAndActor() {
		register(actor("echo", Kind.NAMED, "say"));

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "echo", "shout").build());

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(reply.outcome()).isEqualTo("ACTION_NOT_FOUND");
		assertThat(reply.message()).contains("shout").contains("echo");
		assertThat(received("echo")).isEmpty();
	}

	@Test
	void aMissingActionNameIsA400() {
		register(actor("echo", Kind.NAMED, "say"));

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "echo", "").build());

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.outcome()).isEqualTo("INVALID_REQUEST");
		assertThat(reply.message()).contains("action_name");
	}

	@Test
	void anActionThatThrowsInTheHostIsA500WithTheHostsMessage() {
		register(actor("fragile", Kind.NAMED, "break"));
		on("fragile", "break", (invocation) -> {
			throw new IllegalStateException("the user's action blew up");
		});

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "fragile", "break").build());

		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(reply.outcome()).isEqualTo("ACTION_FAILED");
		assertThat(reply.message()).contains("the user's action blew up");
	}

	@Test
	void anUndecodableHostAnswerIsA502() {
		register(actor("garbled", Kind.NAMED, "talk"));
		on("garbled", "talk", (invocation) -> TestHost.Reply.raw(200, new byte[] { (byte) 0xff, 0x01, 0x02 }));

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "garbled", "talk").build());

		assertThat(reply.status()).isEqualTo(502);
		assertThat(reply.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
		assertThat(reply.outcome()).isEqualTo("BAD_HOST_RESPONSE");
		assertThat(reply.message()).contains("spawn.ActorInvocationResponse");
	}

	@Test
	void aPassedRequestTimeoutIsA504() {
		register(actor("sleepy", Kind.NAMED, "nap"));
		CountDownLatch release = new CountDownLatch(1);
		on("sleepy", "nap", (invocation) -> {
			release.await(10, TimeUnit.SECONDS);
			return TestHost.echo(invocation);
		});
		try {
			long started = System.nanoTime();
			ProxyClient.Reply reply = this.proxy
				.invoke(call(this.system, "sleepy", "nap").putMetadata("request-timeout", "300").build());
			long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

			assertThat(reply.status()).isEqualTo(504);
			assertThat(reply.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
			assertThat(reply.outcome()).isEqualTo("DEADLINE_EXCEEDED");
			assertThat(reply.message()).contains("timed out after 300 ms");
			assertThat(elapsedMillis).isBetween(250L, 5_000L);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void aFullMailboxIsA429ForSynchronousAndAsyncCalls() {
		register(actor("busy", Kind.NAMED, "work"));
		CountDownLatch release = new CountDownLatch(1);
		on("busy", "work", (invocation) -> {
			release.await(20, TimeUnit.SECONDS);
			return TestHost.echo(invocation);
		});
		List<CompletableFuture<ProxyClient.Reply>> queued = new ArrayList<>();
		try {
			queued.add(this.proxy.invokeAsync(call(this.system, "busy", "work").build()));
			await().until(() -> received("busy", "work").size() == 1);
			ProxyClient.Reply refused = null;
			// Capacity is 8 in this context: queue synchronous calls behind the blocked one until one is refused.
			for (int i = 0; i < 12 && refused == null; i++) {
				int before = this.runtime.queuedCalls();
				CompletableFuture<ProxyClient.Reply> next = this.proxy
					.invokeAsync(call(this.system, "busy", "work").build());
				await().until(() -> next.isDone() || this.runtime.queuedCalls() > before);
				if (next.isDone()) {
					refused = next.join();
				}
				else {
					queued.add(next);
				}
			}

			assertThat(refused).isNotNull();
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.response().getStatus().getStatus()).isEqualTo(Status.ERROR);
			assertThat(refused.message()).contains("mailbox").contains("busy");
			assertThat(queued).hasSizeGreaterThanOrEqualTo(8);
			ProxyClient.Reply asyncRefused = this.proxy
				.invoke(call(this.system, "busy", "work", "async").setAsync(true).build());
			assertThat(asyncRefused.status()).as("an async call is refused too, not accepted and dropped")
				.isEqualTo(429);
			release.countDown();
			assertThat(queued).allSatisfy((reply) -> assertThat(reply.join().status()).isEqualTo(200));
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void spawningFromAnUnknownTemplateIsA404ActorNotFound() {
		register(actor("template", Kind.UNNAMED, "say"));
		SpawnRequest request = SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setName("x").setParent("no-such-template"))
			.build();

		HttpResponse<byte[]> response = this.proxy.post("/api/v1/system/" + this.system + "/actors/spawn",
				ProxyClient.PROTOBUF, request.toByteArray());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Spawn-Status")).hasValue("ACTOR_NOT_FOUND");
		SpawnResponse answer = ProxyClient.parse(response, SpawnResponse.parser());
		assertThat(answer.getStatus().getStatus()).isEqualTo(Status.ACTOR_NOT_FOUND);
		assertThat(answer.getStatus().getMessage()).contains("no-such-template");
	}

	@Test
	void aRevisionThatIsNotANumberIsA400() {
		register(actor("template", Kind.UNNAMED, "say"));
		SpawnRequest request = SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setName("x").setParent("template"))
			.build();

		HttpResponse<byte[]> response = this.proxy.post(
				"/api/v1/system/" + this.system + "/actors/spawn?revision=latest", ProxyClient.PROTOBUF,
				request.toByteArray());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(ProxyClient.parse(response, SpawnResponse.parser()).getStatus().getMessage()).contains("revision")
			.contains("latest");
	}

	@Test
	void unknownRoutesAndWrongMethodsAnswerProtobufToo() {
		HttpResponse<byte[]> unknown = this.proxy.post("/api/v1/nothing/here", ProxyClient.PROTOBUF, new byte[0]);
		HttpResponse<byte[]> wrongMethod = this.proxy.get("/api/v1/system");

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(ProxyClient.parse(unknown, InvocationResponse.parser()).getStatus().getMessage())
			.contains("/api/v1/nothing/here");
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(ProxyClient.parse(wrongMethod, InvocationResponse.parser()).getStatus().getMessage())
			.contains("POST");
	}

	@Test
	void hostileActionAndActorNamesReachTheHostOnlyInsideTheBody() {
		String[] actions = { "../admin", "%2e%2e%2f", "..%2F..%2Fadmin", "/../../etc/passwd?x=1#frag", "..\\..\\admin",
				"a b\tc", "http://evil.example/x" };
		register(actor("tricky", Kind.NAMED, actions), actor("../../admin?x=1", Kind.NAMED, "go"));
		for (String action : actions) {
			on("tricky", action, TestHost::echo);
		}
		on("../../admin?x=1", "go", TestHost::echo);

		for (String action : actions) {
			assertThat(this.proxy.invoke(this.system, "tricky", call(this.system, "tricky", action).build()).status())
				.as(action)
				.isEqualTo(200);
		}
		assertThat(this.proxy.invoke(this.system, "plain", call(this.system, "../../admin?x=1", "go").build()).status())
			.isEqualTo(200);

		var received = host.received.stream()
			.filter((r) -> r.invocation() != null && r.invocation().getActor().getSystem().equals(this.system))
			.toList();
		assertThat(received).hasSize(actions.length + 1);
		assertThat(received).allSatisfy((r) -> {
			assertThat(r.method()).isEqualTo("POST");
			assertThat(r.rawPath()).isEqualTo("/api/v1/actors/actions");
			assertThat(r.rawQuery()).isNull();
		});
		assertThat(received.stream().map((r) -> r.invocation().getActionName())).containsExactlyInAnyOrder(
				"../admin", "%2e%2e%2f", "..%2F..%2Fadmin", "/../../etc/passwd?x=1#frag", "..\\..\\admin", "a b\tc",
				"http://evil.example/x", "go");
		assertThat(host.received).noneMatch((r) -> !r.rawPath().equals("/api/v1/actors/actions"));
	}

	@Test
	void aHostAnsweringWithAnUnexpectedStatusFailsTheCallWithItsMessage() {
		register(actor("odd", Kind.NAMED, "go"));
		on("odd", "go", (invocation) -> TestHost.Reply.error(418, "teapot"));

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "odd", "go").build());

		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.message()).contains("418").contains("teapot");
	}

	@Test
	void aHostAnswerWithEmptyBodyIsAnOkWithoutPayload() {
		register(actor("quiet", Kind.NAMED, "go"));
		on("quiet", "go", (invocation) -> TestHost.Reply.ok(ActorInvocationResponse.getDefaultInstance()));

		ProxyClient.Reply reply = this.proxy.invoke(call(this.system, "quiet", "go").build());

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.response().hasValue()).isFalse();
	}

	private ProxyClient.Reply invokeRaw(byte[] body) {
		HttpResponse<byte[]> response = this.proxy.post(ProxyClient.invokePath(this.system, "echo"),
				ProxyClient.PROTOBUF, body);
		return new ProxyClient.Reply(response.statusCode(), ProxyClient.parse(response, InvocationResponse.parser()),
				response.headers().firstValue("Spawn-Status").orElse(null));
	}

	/**
	 * Sends a request head and then a body over a plain socket, reading the answer while still sending, as a
	 * client streaming a large upload would.
	 * @param head the request line and headers
	 * @param body bytes sent after the head as they are, or null to send {@code chunkedBytes} in 64 KiB chunks
	 * @param chunkedBytes how many bytes to send chunked
	 */
	private RawResponse rawExchange(String head, byte[] body, int chunkedBytes) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			Thread writer = Thread.ofVirtual().start(() -> {
				try {
					out.write(head.getBytes(StandardCharsets.US_ASCII));
					if (body != null) {
						out.write(body);
					}
					else {
						byte[] chunk = new byte[64 * 1024];
						for (int sent = 0; sent < chunkedBytes; sent += chunk.length) {
							out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
							out.write(chunk);
							out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
						}
						out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					}
					out.flush();
				}
				catch (IOException ex) {
					// The proxy closes the connection after refusing the body.
				}
			});
			RawResponse response = RawResponse.read(socket.getInputStream());
			socket.close();
			try {
				writer.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return response;
		}
	}

	/**
	 * An HTTP answer read from a socket.
	 * @param status the code
	 * @param body the body (Content-Length delimited)
	 */
	record RawResponse(int status, byte[] body) {

		static RawResponse read(InputStream in) throws IOException {
			ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
			int matched = 0;
			while (matched < 4) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("connection closed before the answer's head ended: " + headBytes);
				}
				headBytes.write(b);
				matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
			}
			String head = headBytes.toString(StandardCharsets.US_ASCII);
			int status = Integer.parseInt(head.substring(9, 12));
			int length = 0;
			for (String line : head.split("\r\n")) {
				if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
					length = Integer.parseInt(line.substring("content-length:".length()).strip());
				}
			}
			return new RawResponse(status, in.readNBytes(length));
		}

	}

}
