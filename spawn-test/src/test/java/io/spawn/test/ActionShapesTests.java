package io.spawn.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.spawn.client.ActionMethod;
import io.spawn.test.sample.CounterActor;
import io.spawn.test.sample.ShapesActor;
import io.spawn.test.sample.ShapesActor.Amount;
import io.spawn.test.sample.ShapesActor.Reply;
import io.spawn.test.sample.ShapesActor.Tally;
import io.spawn.test.sample.ShapesActor.Word;
import org.junit.jupiter.api.Test;

/**
 * Every shape of {@link ActionMethod} resolves for an action of that shape, and the call through an
 * {@code ActorRef} (here the test kit, which shares the overloads of every reference) runs it. Each method reference
 * is first assigned to its shape, so this class compiles only while every shape keeps its parameter list; a command
 * of the wrong type is a compile error, which a test cannot show (see docs/starter.md, "Typed commands").
 */
class ActionShapesTests {

	private final ActorTestKit<ShapesActor> shapes = ActorTestKit.of(new ShapesActor(), "s-1");

	@Test
	void actionsWithoutACommandResolveForEveryShape() {
		ActionMethod.NoParam<ShapesActor, Reply> noParam = ShapesActor::hello;
		ActionMethod.OneParam<ShapesActor, Tally, Reply> stateOnly = ShapesActor::read;
		ActionMethod.OneParam<ShapesActor, io.spawn.actor.ActorContext<Tally>, Reply> contextOnly = ShapesActor::who;
		ActionMethod.StateContext<ShapesActor, Tally, Reply> stateContext = ShapesActor::describe;

		assertThat(this.shapes.call(noParam)).isEqualTo(new Reply("hello"));
		assertThat(this.shapes.call(stateOnly)).isEqualTo(new Reply("n=10"));
		assertThat(this.shapes.call(contextOnly)).isEqualTo(new Reply("I am s-1"));
		assertThat(this.shapes.call(stateContext)).isEqualTo(new Reply("s-1 n=10"));
		assertThat(this.shapes.call(ShapesActor::describe)).isEqualTo(new Reply("s-1 n=10"));
	}

	@Test
	void effectActionsWithoutACommandResolveForEveryShape() {
		ActionMethod.StateContextEffect<ShapesActor, Tally, Reply> twice = ShapesActor::twice;
		ActionMethod.NoParamEffect<ShapesActor, Tally, Reply> reset = ShapesActor::reset;

		assertThat(this.shapes.call(twice)).isEqualTo(new Reply("s-1 doubled"));
		assertThat(this.shapes.<Tally>state()).isEqualTo(new Tally(20));
		assertThat(this.shapes.call(reset)).isEqualTo(new Reply("reset"));
		assertThat(this.shapes.<Tally>state()).isEqualTo(new Tally(0));
	}

	@Test
	void actionsWithACommandResolveForEveryShape() {
		ActionMethod.OneParam<ShapesActor, Word, Reply> command = ShapesActor::echo;
		ActionMethod.StateCommand<ShapesActor, Tally, Amount, Reply> stateCommand = ShapesActor::peek;
		ActionMethod.CommandContext<ShapesActor, Word, Tally, Reply> commandContext = ShapesActor::greet;
		ActionMethod.StateCommandContext<ShapesActor, Tally, Amount, Reply> all = ShapesActor::sum;

		assertThat(this.shapes.call(command, new Word("hi"))).isEqualTo(new Reply("hi"));
		assertThat(this.shapes.call(stateCommand, new Amount(5))).isEqualTo(new Reply("would be 15"));
		assertThat(this.shapes.call(commandContext, new Word("hi"))).isEqualTo(new Reply("hi from s-1"));
		assertThat(this.shapes.call(all, new Amount(1))).isEqualTo(new Reply("s-1 sum=11"));
		assertThat(this.shapes.call(ShapesActor::greet, new Word("yo"))).isEqualTo(new Reply("yo from s-1"));
	}

	@Test
	void effectActionsWithACommandResolveForEveryShape() {
		ActionMethod.OneParamEffect<ShapesActor, Amount, Tally, Reply> command = ShapesActor::set;
		ActionMethod.StateCommandEffect<ShapesActor, Tally, Amount, Reply> stateCommand = ShapesActor::add;
		ActionMethod.CommandContextEffect<ShapesActor, Word, Tally, Reply> commandContext = ShapesActor::greetAndReset;
		ActionMethod.StateCommandContextEffect<ShapesActor, Tally, Amount, Reply> all = ShapesActor::addFrom;

		assertThat(this.shapes.call(command, new Amount(3))).isEqualTo(new Reply("set 3"));
		assertThat(this.shapes.call(stateCommand, new Amount(4))).isEqualTo(new Reply("added"));
		assertThat(this.shapes.<Tally>state()).isEqualTo(new Tally(7));
		assertThat(this.shapes.call(all, new Amount(2))).isEqualTo(new Reply("s-1 added"));
		assertThat(this.shapes.<Tally>state()).isEqualTo(new Tally(9));
		assertThat(this.shapes.call(commandContext, new Word("bye"))).isEqualTo(new Reply("bye reset by s-1"));
		assertThat(this.shapes.<Tally>state()).isEqualTo(new Tally(0));
	}

	@Test
	void theSampleCounterResolvesThroughTheSameShapes() {
		ActorTestKit<CounterActor> counter = ActorTestKit.of(new CounterActor(), "c");
		ActionMethod.StateCommandEffect<CounterActor, CounterActor.Counter, CounterActor.Add, CounterActor.Total> add = CounterActor::add;
		ActionMethod.OneParam<CounterActor, CounterActor.Counter, CounterActor.Total> total = CounterActor::total;

		assertThat(counter.action(add, new CounterActor.Add(2)).call()).isEqualTo(new CounterActor.Total(2));
		assertThat(counter.action(total).call()).isEqualTo(new CounterActor.Total(2));
	}

	@Test
	void aStateParameterPassedAsACommandIsRefusedWithWhatToDo() {
		// One parameter may be the state or the command: the compiler cannot tell, the reference can.
		assertThatIllegalArgumentException().isThrownBy(() -> this.shapes.call(ShapesActor::read, new Tally(1)))
			.withMessageContaining("takes no command")
			.withMessageContaining("call(ShapesActor::read)");
	}

}
