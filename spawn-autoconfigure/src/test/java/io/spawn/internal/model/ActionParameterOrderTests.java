package io.spawn.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.InitialState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actions declare state, command and context in that order, because a typed reference tells the command from the
 * state by position: an action that does not is refused at startup with the rule.
 */
class ActionParameterOrderTests {

	record Counter(long value) {
	}

	record Add(long by) {
	}

	@Actor("in-order")
	static class InOrder {

		@InitialState
		Counter zero() {
			return new Counter(0);
		}

		@Action
		public Counter add(Counter counter, Add add, ActorContext<Counter> context) {
			return counter;
		}

	}

	@Actor("command-first")
	static class CommandFirst {

		@InitialState
		Counter zero() {
			return new Counter(0);
		}

		@Action
		public Counter add(Add add, Counter counter) {
			return counter;
		}

	}

	@Actor(value = "context-first", stateful = false)
	static class ContextFirst {

		@Action
		public String greet(ActorContext<Void> context, Add add) {
			return context.self();
		}

	}

	private static ActorModels models(Object bean) {
		return ActorModels.of(List.of(new ActorModels.ActorBean(bean.getClass().getSimpleName(), bean.getClass(), () -> bean)),
				Map.of(), new PayloadCodec(JsonMapper.builder().build()));
	}

	@Test
	void stateCommandContextIsAccepted() {
		ActionModel add = models(new InOrder()).all().iterator().next().actions().get("add");
		assertThat(add.parameters()).containsExactly(ActionModel.Parameter.STATE, ActionModel.Parameter.COMMAND,
				ActionModel.Parameter.CONTEXT);
	}

	@Test
	void aCommandBeforeTheStateIsRefusedWithTheRule() {
		assertThatExceptionOfType(ActorDefinitionException.class).isThrownBy(() -> models(new CommandFirst()))
			.withMessageContaining("add")
			.withMessageContaining("in the order state, command, ActorContext");
	}

	@Test
	void aContextBeforeTheCommandIsRefusedWithTheRule() {
		assertThatExceptionOfType(ActorDefinitionException.class).isThrownBy(() -> models(new ContextFirst()))
			.withMessageContaining("greet")
			.withMessageContaining("in the order state, command, ActorContext");
	}

}
