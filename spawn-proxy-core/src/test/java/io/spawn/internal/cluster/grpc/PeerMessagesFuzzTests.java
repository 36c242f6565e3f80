package io.spawn.internal.cluster.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.internal.state.ActorKey;
import io.spawn.protocol.actors.ActorState;
import io.spawn.protocol.internal.peer.PeerCall;
import io.spawn.protocol.internal.peer.PeerReply;
import io.spawn.protocol.internal.peer.PeerServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing (jqwik, fixed seed, bounded tries) of the peer port's message parser over a real gRPC
 * connection: random bytes and mutations of a valid {@code PeerCall} get a {@code PeerReply} with a known status or
 * a transport error within a deadline, never a hang; an actor no message names keeps its stored state; the server
 * keeps serving.
 */
class PeerMessagesFuzzTests {

	private static final ActorKey GUARD = new ActorKey("sys", "guard-of-the-properties");

	private static final List<String> STATUSES = Arrays.stream(InvocationStatus.values()).map(Enum::name).toList();

	private static final MethodDescriptor<byte[], byte[]> RAW_INVOKE = MethodDescriptor.<byte[], byte[]>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(PeerServiceGrpc.getInvokeMethod().getFullMethodName())
		.setRequestMarshaller(new Bytes())
		.setResponseMarshaller(new Bytes())
		.build();

	private static final byte[] VALID = PeerCall.newBuilder()
		.setFromNode("n2")
		.setRequest(PeerServerFixture.call("sys", "a"))
		.setTimeoutMillis(5_000)
		.setHops(1)
		.build()
		.toByteArray();

	private static PeerServerFixture fixture;

	private static ManagedChannel channel;

	@BeforeContainer
	static void startPeerServer() {
		fixture = new PeerServerFixture(null);
		fixture.store.write(GUARD, null, ActorState.newBuilder().setState(Any.pack(Int64Value.of(7))).build(), 0);
		channel = NettyChannelBuilder.forAddress("127.0.0.1", fixture.server.port()).usePlaintext().build();
	}

	@AfterContainer
	static void checkAndStop() throws InterruptedException {
		try {
			assertThat(fixture.store.load(GUARD)).hasValueSatisfying((stored) -> {
				assertThat(stored.revision()).isEqualTo(1);
				assertThat(stored.state().getState()).isEqualTo(Any.pack(Int64Value.of(7)));
			});
			PeerReply reply = PeerReply.parseFrom(invoke(PeerCall.newBuilder()
				.setRequest(PeerServerFixture.call("sys", "a"))
				.setHops(1)
				.build()
				.toByteArray()));
			assertThat(reply.getStatus()).as("the server keeps serving").isEqualTo("OK");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			fixture.close();
		}
	}

	@Property(tries = 2_000, seed = "20261208", shrinking = ShrinkingMode.BOUNDED)
	void anyPeerMessageGetsAKnownAnswerWithinTheDeadline(@ForAll("peerMessages") byte[] message) throws IOException {
		try {
			PeerReply reply = PeerReply.parseFrom(invoke(message));
			assertThat(reply.getStatus()).isIn(STATUSES);
			assertThat(reply.getResponse().getStatus().getMessage()).doesNotContain("\tat ").doesNotContainPattern("\\bat [a-z]+\\.[a-zA-Z.$]+\\(");
		}
		catch (StatusRuntimeException ex) {
			// Bytes that are no PeerCall are refused by the transport; a hang would be DEADLINE_EXCEEDED.
			assertThat(ex.getStatus().getCode()).isIn(Status.Code.UNKNOWN, Status.Code.INTERNAL,
					Status.Code.INVALID_ARGUMENT);
		}
	}

	@Provide
	Arbitrary<byte[]> peerMessages() {
		Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
		Arbitrary<byte[]> mutated = Arbitraries.integers()
			.between(0, VALID.length - 1)
			.tuple2()
			.list()
			.ofMinSize(1)
			.ofMaxSize(8)
			.map((changes) -> {
				byte[] copy = VALID.clone();
				changes.forEach((change) -> copy[change.get1()] = (byte) (copy[change.get1()] ^ (change.get2() + 1)));
				return copy;
			});
		Arbitrary<byte[]> truncated = Arbitraries.integers()
			.between(0, VALID.length - 1)
			.map((length) -> Arrays.copyOf(VALID, length));
		return Arbitraries.oneOf(random, mutated, truncated);
	}

	private static byte[] invoke(byte[] message) {
		return ClientCalls.blockingUnaryCall(channel, RAW_INVOKE,
				CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), message);
	}

	private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
