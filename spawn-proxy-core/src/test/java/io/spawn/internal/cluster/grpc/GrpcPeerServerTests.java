package io.spawn.internal.cluster.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.spawn.internal.cluster.ClusterSettings;
import io.spawn.internal.cluster.MemberTable;
import io.spawn.internal.cluster.Membership;
import io.spawn.internal.cluster.discovery.PeerDiscovery;
import io.spawn.internal.placement.ActorPlacement;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.internal.peer.PeerCall;
import io.spawn.protocol.internal.peer.PeerReply;
import io.spawn.protocol.internal.peer.PeerServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The peer port against what another member (or anything else that reaches it) may send: forwarded calls run
 * with their deadline; unknown systems, empty calls, expired calls and bytes that are not a peer message get a
 * clear answer and change nothing.
 */
class GrpcPeerServerTests {

	private final PeerServerFixture fixture = new PeerServerFixture(null);

	private final AtomicInteger hostCalls = this.fixture.hostCalls;

	private final InMemoryActorStateStore store = this.fixture.store;

	private final ActorRuntime runtime = this.fixture.runtime;

	private final ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.fixture.server.port())
		.usePlaintext()
		.build();

	@AfterEach
	void close() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.fixture.close();
	}

	private static InvocationRequest call(String system, String actor) {
		return PeerServerFixture.call(system, actor);
	}

	private PeerReply invoke(PeerCall call) {
		return PeerServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(10, TimeUnit.SECONDS).invoke(call);
	}

	@Test
	void aForwardedCallRunsOnThisMemberAndAnswersWithItsOutcome() throws Exception {
		PeerReply reply = invoke(PeerCall.newBuilder()
			.setFromNode("n2")
			.setRequest(call("sys", "a"))
			.setTimeoutMillis(5_000)
			.setDeadlineEpochMillis(System.currentTimeMillis() + 5_000)
			.setHops(1)
			.build());
		assertThat(reply.getStatus()).isEqualTo("OK");
		assertThat(reply.getResponse().getValue().unpack(Int64Value.class).getValue()).isEqualTo(42);
		assertThat(this.hostCalls).hasValue(1);
	}

	@Test
	void aForwardedDeletionOfTheStateRemovesItWithoutCallingTheHost() {
		io.spawn.internal.state.ActorKey key = new io.spawn.internal.state.ActorKey("sys", "a");
		this.store.write(key, null,
				io.spawn.protocol.actors.ActorState.newBuilder().setState(Any.pack(Int64Value.of(7))).build(), 0);

		PeerReply reply = invoke(PeerCall.newBuilder()
			.setFromNode("n2")
			.setRequest(call("sys", "a"))
			.setTimeoutMillis(5_000)
			.setHops(1)
			.setDeleteState(true)
			.build());

		assertThat(reply.getStatus()).isEqualTo("OK");
		assertThat(this.store.load(key)).isEmpty();
		assertThat(this.hostCalls).hasValue(0);
	}

	@Test
	void theDeleteStateFlagTravelsBothWays() {
		io.spawn.internal.cluster.ForwardedCall call = new io.spawn.internal.cluster.ForwardedCall(call("sys", "a"),
				1_000, 1, java.util.List.of(), false, true, 0);

		PeerCall message = PeerMessages.toMessage("n1", call);

		assertThat(message.getDeleteState()).isTrue();
		assertThat(PeerMessages.fromMessage(message).deleteState()).isTrue();
		assertThat(PeerMessages.fromMessage(message).readState()).isFalse();
	}

	@Test
	void aCallOfAnUnknownSystemIsAnsweredActorNotFoundAndRunsNothing() {
		PeerReply reply = invoke(PeerCall.newBuilder().setFromNode("n2").setRequest(call("other", "a")).setHops(1).build());
		assertThat(reply.getStatus()).isEqualTo("ACTOR_NOT_FOUND");
		assertThat(reply.getResponse().getStatus().getMessage()).contains("other");
		assertThat(this.hostCalls).hasValue(0);
		assertThat(this.runtime.activeActors()).isZero();
	}

	@Test
	void aCallWithoutRequestIsInvalid() {
		assertThat(invoke(PeerCall.newBuilder().setFromNode("n2").build()).getStatus()).isEqualTo("INVALID_REQUEST");
		assertThat(this.hostCalls).hasValue(0);
	}

	@Test
	void aCallWhoseDeadlinePassedOnTheWayIsNotRun() {
		PeerReply reply = invoke(PeerCall.newBuilder()
			.setFromNode("n2")
			.setRequest(call("sys", "a"))
			.setTimeoutMillis(30_000)
			.setDeadlineEpochMillis(System.currentTimeMillis() - 1)
			.setHops(1)
			.build());
		assertThat(reply.getStatus()).isEqualTo("DEADLINE_EXCEEDED");
		assertThat(this.hostCalls).hasValue(0);
	}

	@Test
	void bytesThatAreNotAPeerMessageAreRefusedAndChangeNothing() {
		MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(PeerServiceGrpc.getInvokeMethod().getFullMethodName())
			.setRequestMarshaller(new Bytes())
			.setResponseMarshaller(new Bytes())
			.build();
		byte[] garbage = { (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x12, 0x7f };
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> ClientCalls.blockingUnaryCall(this.channel, raw,
					CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), garbage))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isIn(Status.Code.UNKNOWN, Status.Code.INTERNAL,
					Status.Code.INVALID_ARGUMENT));
		assertThat(this.hostCalls).hasValue(0);
		assertThat(this.runtime.activeActors()).isZero();
		assertThat(invoke(PeerCall.newBuilder().setRequest(call("sys", "a")).setHops(1).build()).getStatus())
			.as("the server keeps serving").isEqualTo("OK");
	}

	@Test
	void fuzzedPeerMessagesGetAnAnswerAndLeaveOtherActorsAlone() throws Exception {
		io.spawn.internal.state.ActorKey guard = new io.spawn.internal.state.ActorKey("sys", "guard-of-the-fuzz");
		this.store.write(guard, null,
				io.spawn.protocol.actors.ActorState.newBuilder().setState(Any.pack(Int64Value.of(7))).build(), 0);
		MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(PeerServiceGrpc.getInvokeMethod().getFullMethodName())
			.setRequestMarshaller(new Bytes())
			.setResponseMarshaller(new Bytes())
			.build();
		byte[] valid = PeerCall.newBuilder()
			.setFromNode("n2")
			.setRequest(call("sys", "a"))
			.setTimeoutMillis(5_000)
			.setHops(1)
			.build()
			.toByteArray();
		java.util.Random random = new java.util.Random(0x9ee7L);
		for (int i = 0; i < 2_000; i++) {
			byte[] body;
			if (random.nextBoolean()) {
				body = new byte[random.nextInt(256)];
				random.nextBytes(body);
			}
			else {
				body = valid.clone();
				for (int n = 1 + random.nextInt(6); n > 0; n--) {
					body[random.nextInt(body.length)] = (byte) random.nextInt(256);
				}
			}
			byte[] message = body;
			try {
				byte[] answer = ClientCalls.blockingUnaryCall(this.channel, raw,
						CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), message);
				PeerReply reply = PeerReply.parseFrom(answer);
				assertThat(reply.getStatus()).as("case %d", i)
					.isIn(java.util.Arrays.stream(io.spawn.internal.runtime.InvocationStatus.values())
						.map(Enum::name)
						.toList());
			}
			catch (StatusRuntimeException ex) {
				// Bytes that are no PeerCall: refused by the transport, never a hang (the deadline would say so).
				assertThat(ex.getStatus().getCode()).as("case %d: %s", i, ex.getStatus())
					.isIn(Status.Code.UNKNOWN, Status.Code.INTERNAL, Status.Code.INVALID_ARGUMENT);
			}
		}
		assertThat(this.store.load(guard)).hasValueSatisfying((stored) -> {
			assertThat(stored.revision()).isEqualTo(1);
			assertThat(stored.state().getState()).isEqualTo(Any.pack(Int64Value.of(7)));
		});
		assertThat(invoke(PeerCall.newBuilder().setRequest(call("sys", "a")).setHops(1).build()).getStatus())
			.as("the server keeps serving").isEqualTo("OK");
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
