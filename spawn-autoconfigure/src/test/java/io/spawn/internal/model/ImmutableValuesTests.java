package io.spawn.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Int64Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImmutableValuesTests {

	record Money(BigDecimal amount, String currency) {
	}

	record Account(UUID id, Money balance, Instant opened, Status status, long version) {
	}

	record Node(String name, Node next) {
	}

	record Cart(List<String> items) {
	}

	record Attributes(Map<String, String> values) {
	}

	record Holder(Object anything) {
	}

	record Counter(Int64Value value) {
	}

	record Wrapping(Cart cart) {
	}

	record Generic<T>(T value) {
	}

	record WithArray(long[] values) {
	}

	enum Status {

		OPEN, CLOSED

	}

	static final class Mutable {

		long value;

	}

	@Test
	void recordsOfValuesNestedRecordsEnumsAndProtobufMessagesAreImmutable() {
		assertThat(ImmutableValues.isImmutable(Money.class)).isTrue();
		assertThat(ImmutableValues.isImmutable(Account.class)).isTrue();
		assertThat(ImmutableValues.isImmutable(Counter.class)).isTrue();
		assertThat(ImmutableValues.isImmutable(Int64Value.class)).isTrue();
		assertThat(ImmutableValues.isImmutable(Status.class)).isTrue();
		assertThat(ImmutableValues.isImmutable(String.class)).isTrue();
		assertThat(ImmutableValues.isImmutable(Long.class)).isTrue();
	}

	@Test
	void aRecordThatRefersToItselfIsImmutableWhenTheRestOfItIs() {
		assertThat(ImmutableValues.isImmutable(Node.class)).isTrue();
	}

	@Test
	void collectionsArraysTypeVariablesObjectsAndMutableClassesAreNot() {
		assertThat(ImmutableValues.isImmutable(Cart.class)).isFalse();
		assertThat(ImmutableValues.isImmutable(Attributes.class)).isFalse();
		assertThat(ImmutableValues.isImmutable(Holder.class)).isFalse();
		assertThat(ImmutableValues.isImmutable(Generic.class)).isFalse();
		assertThat(ImmutableValues.isImmutable(WithArray.class)).isFalse();
		assertThat(ImmutableValues.isImmutable(Mutable.class)).isFalse();
		assertThat(ImmutableValues.isImmutable(Wrapping.class)).isFalse();
	}

	@Test
	void theCodecPassesImmutableValuesAsObjectsAndBytesAsBytes() {
		PayloadCodec codec = new PayloadCodec(tools.jackson.databind.json.JsonMapper.builder().build());
		assertThat(codec.travelsAsObject(new Money(BigDecimal.TEN, "EUR"))).isTrue();
		assertThat(codec.travelsAsObject(new Cart(List.of("a")))).isFalse();
		assertThat(codec.travelsAsObject(com.google.protobuf.Any.getDefaultInstance())).isFalse();
		assertThat(codec.travelsAsObject(null)).isFalse();
	}

	@Test
	void adaptKeepsAnInstanceOfTheTargetTypeAndConvertsAnotherShapeThroughJson() {
		PayloadCodec codec = new PayloadCodec(tools.jackson.databind.json.JsonMapper.builder().build());
		Money money = new Money(BigDecimal.ONE, "EUR");
		assertThat(codec.adapt(money, Money.class)).isSameAs(money);
		record Other(BigDecimal amount, String currency) {
		}
		assertThat(codec.adapt(new Other(BigDecimal.ONE, "EUR"), Money.class)).isEqualTo(money);
		assertThat(codec.adapt(5L, long.class)).isEqualTo(5L);
	}

}
