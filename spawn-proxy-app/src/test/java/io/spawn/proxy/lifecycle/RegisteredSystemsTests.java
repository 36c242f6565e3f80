package io.spawn.proxy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.internal.state.ActorKey;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Due invocations of a system wait until its host registered with this proxy; the others pass through.
 */
class RegisteredSystemsTests {

	private final RegisteredSystems systems = new RegisteredSystems();

	private final CapturingScheduler scheduler = new CapturingScheduler();

	private final List<ScheduledInvocation> dispatched = new ArrayList<>();

	@Test
	void aDueCallOfASystemNotRegisteredYetIsRefusedSoThatTheSchedulerKeepsIt() {
		this.systems.gate(this.scheduler).start((invocation) -> this.dispatched.add(invocation));

		boolean accepted = this.scheduler.fire(due("orders", "cart"));

		assertThat(accepted).isFalse();
		assertThat(this.dispatched).isEmpty();
	}

	@Test
	void onceTheSystemRegisteredItsDueCallsAreDispatched() {
		this.systems.gate(this.scheduler).start((invocation) -> this.dispatched.add(invocation));
		this.systems.registered("orders");

		boolean accepted = this.scheduler.fire(due("orders", "cart"));

		assertThat(accepted).isTrue();
		assertThat(this.dispatched).singleElement()
			.satisfies((invocation) -> assertThat(invocation.id()).isEqualTo("orders/cart"));
		assertThat(this.scheduler.fire(due("billing", "invoice"))).as("another system still waits").isFalse();
	}

	@Test
	void theSystemIsReadFromTheActorIdOrElseFromTheRequest() {
		this.systems.registered("orders");
		InvocationRequest bySystem = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName("orders"))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setName("cart")))
			.build();

		assertThat(RegisteredSystems.system(bySystem)).isEqualTo("orders");
		assertThat(RegisteredSystems.system(due("billing", "x").request())).isEqualTo("billing");
	}

	private static ScheduledInvocation due(String system, String actor) {
		InvocationRequest request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName("ignored-when-the-id-names-one"))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem(system).setName(actor)))
			.setActionName("ring")
			.build();
		return new ScheduledInvocation(system + "/" + actor, request, 0, 0);
	}

	/** Hands invocations to the dispatcher it was started with, when the test says so. */
	static final class CapturingScheduler implements InvocationScheduler {

		private @Nullable Dispatcher dispatcher;

		boolean fire(ScheduledInvocation invocation) {
			return this.dispatcher.dispatch(invocation);
		}

		@Override
		public void start(Dispatcher dispatcher) {
			this.dispatcher = dispatcher;
		}

		@Override
		public void schedule(ScheduledInvocation invocation) {
		}

		@Override
		public boolean cancel(String id) {
			return false;
		}

		@Override
		public int cancelAll(ActorKey actor) {
			return 0;
		}

		@Override
		public void stop() {
		}

	}

}
