package io.spawn.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spawn.test.sample.AuditActor;
import io.spawn.test.sample.CounterActor;
import io.spawn.test.sample.CounterActor.Add;
import io.spawn.test.sample.CounterActor.Counter;
import io.spawn.test.sample.CounterActor.Total;
import io.spawn.client.ActorCallException;
import io.spawn.client.CallStatus;
import org.junit.jupiter.api.Test;

class ActorTestKitTests {

	@Test
	void callsAnActionAndKeepsItsNewState() {
		ActorTestKit<CounterActor> counter = ActorTestKit.of(new CounterActor()).withState(new Counter(5, 0));
		assertThat(counter.call(CounterActor::add, new Add(1))).isEqualTo(new Total(6));
		assertThat(counter.<Counter>state()).isEqualTo(new Counter(6, 0));
		assertThat(counter.call(CounterActor::total)).isEqualTo(new Total(6));
	}

	@Test
	void startsFromTheInitialStateAndRunsOnActivate() {
		ActorTestKit<CounterActor> counter = ActorTestKit.of(new CounterActor()).activate();
		assertThat(counter.<Counter>state()).isEqualTo(new Counter(0, 1));
		ActorTestKit<AuditActor> audit = ActorTestKit.of(new AuditActor());
		assertThat(audit.<AuditActor.Log>state().totals()).isEmpty();
	}

	@Test
	void deleteStatePutsTheInitialStateBack() {
		ActorTestKit<CounterActor> counter = ActorTestKit.of(new CounterActor()).withState(new Counter(5, 0));
		counter.call(CounterActor::add, new Add(1));

		counter.deleteState();

		assertThat(counter.<Counter>state()).isEqualTo(new Counter(0, 0));
		assertThat(counter.activate().<Counter>state()).isEqualTo(new Counter(0, 1));
	}

	@Test
	void exposesTheEffectsOfTheLastCall() {
		ActorTestKit<CounterActor> counter = ActorTestKit.of(new CounterActor());
		counter.call(CounterActor::add, new Add(2_000));
		assertThat(counter.broadcast()).isNotNull();
		assertThat(counter.broadcast().channel()).isEqualTo("big-totals");
		assertThat(counter.broadcast().message()).isEqualTo(new Total(2_000));
		counter.call(CounterActor::add, new Add(1));
		assertThat(counter.lastEffect()).isNotNull();
		assertThat(counter.sideEffects()).isEmpty();
	}

	@Test
	void effectErrorsFailWithTheirCodeAndKeepTheState() {
		ActorTestKit<CounterActor> counter = ActorTestKit.of(new CounterActor()).withState(new Counter(1, 0));
		assertThatThrownBy(() -> counter.call(CounterActor::withdraw, new Add(5)))
			.isInstanceOfSatisfying(ActorCallException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(CallStatus.ACTION_FAILED);
				assertThat(ex.errorCode()).isEqualTo("insufficient-funds");
			});
		assertThat(counter.<Counter>state()).isEqualTo(new Counter(1, 0));
	}

	@Test
	void exceptionsFromTheActionPropagate() {
		ActorTestKit<CounterActor> counter = ActorTestKit.of(new CounterActor());
		assertThatThrownBy(() -> counter.call(CounterActor::explode, new Add(1))).isInstanceOf(IllegalStateException.class)
			.hasMessage("boom 1");
	}

	@Test
	void stateOfTheWrongTypeIsRejected() {
		assertThatThrownBy(() -> ActorTestKit.of(new CounterActor()).withState("nope"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not java.lang.String");
	}

}
