package io.spawn.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * A compact binary serializer for the Pekko counter's messages, as a Pekko user would write one (Pekko refuses
 * Java serialization between nodes by default): an 8-byte amount and the reply-to reference as a string.
 */
public final class PekkoCounterSerializer extends SerializerWithStringManifest {

	private final ActorRefResolver resolver;

	public PekkoCounterSerializer(ExtendedActorSystem system) {
		this.resolver = ActorRefResolver.get(Adapter.toTyped(system));
	}

	@Override
	public int identifier() {
		return 73_104;
	}

	@Override
	public String manifest(Object message) {
		return (message instanceof PekkoNode.Add) ? "A" : "T";
	}

	@Override
	public byte[] toBinary(Object message) {
		if (message instanceof PekkoNode.Add add) {
			byte[] ref = this.resolver.toSerializationFormat(add.replyTo()).getBytes(StandardCharsets.UTF_8);
			return ByteBuffer.allocate(8 + ref.length).putLong(add.amount()).put(ref).array();
		}
		PekkoNode.Touch touch = (PekkoNode.Touch) message;
		return this.resolver.toSerializationFormat(touch.replyTo()).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Object fromBinary(byte[] bytes, String manifest) {
		if (manifest.equals("A")) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			long amount = buffer.getLong();
			ActorRef<Long> replyTo = this.resolver
				.resolveActorRef(new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8));
			return new PekkoNode.Add(amount, replyTo);
		}
		return new PekkoNode.Touch(this.resolver.resolveActorRef(new String(bytes, StandardCharsets.UTF_8)));
	}

}
