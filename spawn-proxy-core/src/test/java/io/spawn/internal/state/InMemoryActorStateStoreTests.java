package io.spawn.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import io.spawn.protocol.actors.ActorState;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store keeps the durable store's rules.
 */
class InMemoryActorStateStoreTests {

	private final InMemoryActorStateStore store = new InMemoryActorStateStore(3);

	private static ActorState state(long value) {
		return ActorState.newBuilder().setState(Any.pack(Int64Value.of(value))).build();
	}

	@Test
	void deletedStateIsGoneWithItsHistoryAndTheActorStartsAfresh() {
		ActorKey key = new ActorKey("sys", "cart");
		this.store.write(key, null, state(1), 0);
		this.store.write(key, null, state(2), 1);
		this.store.write(new ActorKey("sys", "other"), null, state(7), 0);

		assertThat(this.store.delete(key)).isTrue();

		assertThat(this.store.load(key)).isEmpty();
		assertThat(this.store.load(key, 1)).isEmpty();
		assertThatThrownBy(() -> this.store.write(key, null, state(3), 2)).isInstanceOf(StaleRevisionException.class);
		assertThat(this.store.write(key, null, state(1), 0)).isEqualTo(1);
		assertThat(this.store.load(new ActorKey("sys", "other"))).isPresent();
		assertThat(this.store.delete(new ActorKey("sys", "never"))).isFalse();
	}

}
