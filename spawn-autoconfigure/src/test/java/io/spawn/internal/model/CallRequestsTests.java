package io.spawn.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spawn.client.ActorCallException;
import io.spawn.client.CallStatus;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.JSONType;
import io.spawn.protocol.actors.ActorId;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one builder of outgoing calls: what every path (typed reference, {@code @ActorClient}, REST route) puts on
 * the wire.
 */
class CallRequestsTests {

	private final PayloadCodec codec = new PayloadCodec(JsonMapper.builder().build());

	record Add(long by) {
	}

	@Test
	void aCallOutsideATurnHasTargetActionAndCommandButNoCaller() throws Exception {
		InvocationRequest request = CallRequests.to("shop", "c-1", "add")
			.template("counter")
			.command(CallRequests.encode(this.codec, new Add(3)))
			.build();

		assertThat(request.getSystem().getName()).isEqualTo("shop");
		assertThat(request.getActor().getId().getSystem()).isEqualTo("shop");
		assertThat(request.getActor().getId().getName()).isEqualTo("c-1");
		assertThat(request.getActionName()).isEqualTo("add");
		assertThat(request.getRegisterRef()).isEqualTo("counter");
		assertThat(request.getValue().unpack(JSONType.class).getContent()).isEqualTo("{\"by\":3}");
		assertThat(request.hasCaller()).isFalse();
		assertThat(request.getMetadataMap()).isEmpty();
		assertThat(request.getAsync()).isFalse();
	}

	@Test
	void aCallWithoutACommandCarriesNoop() {
		InvocationRequest request = CallRequests.to("shop", "audit", "entries").template(null).command(null).build();

		assertThat(request.hasNoop()).isTrue();
		assertThat(request.hasValue()).isFalse();
		assertThat(request.getRegisterRef()).isEmpty();
	}

	@Test
	void aCallInsideATurnCarriesTheActorAsCallerAndItsTrace() {
		ActorId self = ActorId.newBuilder().setSystem("shop").setName("a").build();
		CurrentActor.Frame previous = CurrentActor.enter(new CurrentActor.Frame(self, "00-trace-span-01"));
		InvocationRequest request;
		try {
			request = CallRequests.to("shop", "b", "ping").build();
		}
		finally {
			CurrentActor.restore(previous);
		}

		assertThat(request.getCaller()).isEqualTo(self);
		assertThat(request.getMetadataMap()).containsEntry(CallRequests.TRACEPARENT, "00-trace-span-01");
		assertThat(CallRequests.to("shop", "b", "ping").build().hasCaller()).isFalse();
	}

	@Test
	void aTraceGivenByTheCallerWinsOverTheTurnsTrace() {
		ActorId self = ActorId.newBuilder().setSystem("shop").setName("a").build();
		CurrentActor.Frame previous = CurrentActor.enter(new CurrentActor.Frame(self, "00-turn-01"));
		try {
			InvocationRequest request = CallRequests.to("shop", "b", "ping")
				.metadata(CallRequests.TRACEPARENT, "00-http-01")
				.build();
			assertThat(request.getMetadataMap()).containsEntry(CallRequests.TRACEPARENT, "00-http-01");
		}
		finally {
			CurrentActor.restore(previous);
		}
	}

	@Test
	void metadataTimeoutDelayAndAsyncReachTheRequest() {
		InvocationRequest request = CallRequests.to("shop", "b", "ping")
			.metadata(Map.of("tenant", "t1"))
			.timeout(Duration.ofMillis(1500))
			.scheduledTo(42L)
			.async(true)
			.build();

		assertThat(request.getMetadataMap()).containsEntry("tenant", "t1")
			.containsEntry(CallRequests.REQUEST_TIMEOUT, "1500");
		assertThat(request.getScheduledTo()).isEqualTo(42L);
		assertThat(request.getAsync()).isTrue();
	}

	@Test
	void aNonPositiveTimeoutOrABlankIdIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CallRequests.to("shop", "b", "ping").timeout(Duration.ZERO))
			.withMessageContaining("timeout must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> CallRequests.to("shop", " ", "ping"))
			.withMessageContaining("must not be blank");
	}

	@Test
	void aCommandTheCodecCannotWriteIsAnInvalidRequest() {
		Object unwritable = new Object() {
			@SuppressWarnings("unused")
			public Object getSelf() {
				return this;
			}
		};
		assertThatThrownBy(() -> CallRequests.encode(this.codec, unwritable))
			.isInstanceOfSatisfying(ActorCallException.class,
					(ex) -> assertThat(ex.status()).isEqualTo(CallStatus.INVALID_REQUEST));
	}

}
