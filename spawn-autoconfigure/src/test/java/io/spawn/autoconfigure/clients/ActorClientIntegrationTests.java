package io.spawn.autoconfigure.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.client.ActorCallException;
import io.spawn.client.CallStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(classes = ActorClientIntegrationTests.App.class)
class ActorClientIntegrationTests {

	@Autowired
	CounterClient counters;

	@Test
	void interfaceClientCallsTheActor() {
		assertThat(this.counters.add("ic-1", new CounterActor.Add(4)).value()).isEqualTo(4);
		assertThat(this.counters.add("ic-1", new CounterActor.Add(4)).value()).isEqualTo(8);
		assertThat(this.counters.read("ic-1").join().value()).isEqualTo(8);
	}

	@Test
	void failuresArriveAsTypedExceptions() {
		assertThatThrownBy(() -> this.counters.withdraw("ic-2", new CounterActor.Add(1)))
			.isInstanceOfSatisfying(ActorCallException.class,
					(ex) -> {
						assertThat(ex.status()).isEqualTo(CallStatus.ACTION_FAILED);
						assertThat(ex.errorCode()).isEqualTo("insufficient-funds");
					});
		assertThat(this.counters.toString()).contains("counter");
	}

	@SpringBootApplication
	@Import(CounterActor.class)
	static class App {

	}

}
