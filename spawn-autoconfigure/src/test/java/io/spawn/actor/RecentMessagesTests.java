package io.spawn.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The message ids an actor keeps to drop redeliveries: known ids are recognised, the oldest are dropped beyond the
 * capacity, and a call without an id is never a duplicate.
 */
class RecentMessagesTests {

	@Test
	void recognisesAnIdItKeptAndForgetsTheOldestBeyondItsCapacity() {
		RecentMessages recent = RecentMessages.keeping(2).add(call("m-1")).add(call("m-2"));
		assertThat(recent.contains(call("m-1"))).isTrue();
		assertThat(recent.contains(call("m-3"))).isFalse();

		RecentMessages later = recent.add(call("m-3"));

		assertThat(later.ids()).containsExactly("m-2", "m-3");
		assertThat(later.contains(call("m-1"))).isFalse();
		assertThat(recent.ids()).as("unchanged").containsExactly("m-1", "m-2");
	}

	@Test
	void aCallWithoutAMessageIdIsNeverADuplicateAndIsNotKept() {
		RecentMessages recent = RecentMessages.keeping(4).add(call(null));

		assertThat(recent.ids()).isEmpty();
		assertThat(recent.contains(call(null))).isFalse();
		assertThat(RecentMessages.messageId(call(""))).isEmpty();
	}

	@Test
	void refusesACapacityBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> RecentMessages.keeping(0))
			.withMessage("capacity must be at least 1, was 0");
	}

	/** The context of a call, as an activator makes it: the message id in the metadata. */
	private static ActorContext<Void> call(String messageId) {
		Map<String, String> metadata = (messageId != null) ? Map.of(RecentMessages.MESSAGE_ID, messageId) : Map.of();
		return new ActorContext<>() {

			@Override
			public String self() {
				return "ledger";
			}

			@Override
			public String system() {
				return "shop";
			}

			@Override
			public Optional<String> caller() {
				return Optional.empty();
			}

			@Override
			public Map<String, String> metadata() {
				return metadata;
			}

			@Override
			public Map<String, String> tags() {
				return Map.of();
			}

			@Override
			public Void state() {
				return null;
			}

		};
	}

}
