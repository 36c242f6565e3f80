package io.spawn.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.spawn.protocol.JSONType;
import io.spawn.protocol.Noop;
import io.spawn.protocol.actors.ActorId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payloads as the hot path reads them: JSON records and protobuf messages decoded without {@code Any.unpack}, with
 * the same checks of the type URL.
 */
class PayloadCodecTests {

	private final PayloadCodec codec = new PayloadCodec(JsonMapper.builder().build());

	record Add(long by) {
	}

	@Test
	void aRecordRoundTripsAsJson() {
		Any payload = this.codec.encode(new Add(7));

		assertThat(payload.getTypeUrl()).isEqualTo("type.googleapis.com/spawn.JSONType");
		assertThat(this.codec.decode(payload, Add.class)).isEqualTo(new Add(7));
	}

	@Test
	void aProtobufMessageRoundTripsNatively() {
		ActorId id = ActorId.newBuilder().setName("a").setSystem("s").build();

		assertThat(this.codec.decode(this.codec.encode(id), ActorId.class)).isEqualTo(id);
		assertThat(this.codec.decode(Any.pack(id, "example.com/custom"), ActorId.class)).isEqualTo(id);
	}

	@Test
	void aPayloadOfAnotherTypeIsRefusedWithBothTypes() {
		assertThatExceptionOfType(PayloadCodec.PayloadException.class)
			.isThrownBy(() -> this.codec.decode(Any.pack(Noop.getDefaultInstance()), ActorId.class))
			.withMessageContaining("Noop")
			.withMessageContaining(ActorId.class.getName());
		assertThatExceptionOfType(PayloadCodec.PayloadException.class)
			.isThrownBy(() -> this.codec.decode(Any.pack(Noop.getDefaultInstance()), Add.class))
			.withMessageContaining("expected a JSON payload");
	}

	@Test
	void malformedBytesAreAPayloadError() {
		Any broken = Any.newBuilder()
			.setTypeUrl("type.googleapis.com/" + JSONType.getDescriptor().getFullName())
			.setValue(ByteString.copyFrom(new byte[] { (byte) 0x0a, (byte) 0x7f }))
			.build();

		assertThatExceptionOfType(PayloadCodec.PayloadException.class).isThrownBy(() -> this.codec.decode(broken, Add.class))
			.withMessageContaining("not a valid spawn.JSONType");
	}

}
