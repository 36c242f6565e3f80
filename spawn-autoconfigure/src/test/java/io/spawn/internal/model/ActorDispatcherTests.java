package io.spawn.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.spawn.autoconfigure.sample.CounterActor;
import io.spawn.autoconfigure.sample.CounterActor.Add;
import io.spawn.autoconfigure.sample.CounterActor.Counter;
import io.spawn.autoconfigure.sample.CounterActor.Total;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.actors.ActorId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host side of a call, with no Spring and no runtime: an ActorInvocation in, the actor bean's method run, an
 * ActorInvocationResponse out.
 */
class ActorDispatcherTests {

	private final PayloadCodec codec = new PayloadCodec(JsonMapper.builder().build());

	private final CounterActor actor = new CounterActor();

	private final ActorDispatcher dispatcher = new ActorDispatcher(ActorModels.of(
			List.of(new ActorModels.ActorBean("counter", CounterActor.class, () -> this.actor)), Map.of(), this.codec),
			this.codec, () -> 0L);

	@Test
	void runsTheActionOnTheStateItReceivesAndAnswersTheNewStateAndTheReply() {
		ActorInvocationResponse response = this.dispatcher
			.dispatch(invocation("add", new Counter(5, 1), new Add(3)));

		assertThat(this.codec.decode(response.getValue(), Total.class)).isEqualTo(new Total(8));
		assertThat(this.codec.decode(response.getUpdatedContext().getState(), Counter.class))
			.isEqualTo(new Counter(8, 1));
	}

	@Test
	void anEffectErrorFailsTheActionWithItsCodeLeadingTheMessage() {
		assertThatExceptionOfType(ActionFailedException.class)
			.isThrownBy(() -> this.dispatcher.dispatch(invocation("withdraw", new Counter(10, 1), new Add(50))))
			.satisfies((ex) -> assertThat(ErrorCodes.parse(ex.getMessage()).code()).isEqualTo("insufficient-funds"))
			.withMessageContaining("cannot take 50 from 10");
	}

	@Test
	void anUnknownActionFailsNamingActionAndActor() {
		assertThatExceptionOfType(ActionFailedException.class)
			.isThrownBy(() -> this.dispatcher.dispatch(invocation("shout", new Counter(0, 0), null)))
			.withMessage("action 'shout' not found on actor 'counter'");
	}

	@Test
	void anUnknownActorFails() {
		ActorInvocation invocation = invocation("add", new Counter(0, 0), new Add(1)).toBuilder()
			.setActor(ActorId.newBuilder().setSystem("s").setName("ghost"))
			.build();

		assertThatExceptionOfType(ActionFailedException.class).isThrownBy(() -> this.dispatcher.dispatch(invocation))
			.withMessageContaining("no actor 'ghost'");
	}

	private ActorInvocation invocation(String action, Counter state, Add command) {
		ActorInvocation.Builder invocation = ActorInvocation.newBuilder()
			.setActor(ActorId.newBuilder().setSystem("s").setName("counter"))
			.setActionName(action)
			.setCurrentContext(Context.newBuilder().setState(this.codec.encode(state)));
		if (command != null) {
			invocation.setValue(this.codec.encode(command));
		}
		return invocation.build();
	}

}
