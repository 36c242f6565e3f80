package io.spawn.proxy.lifecycle;

import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.schedule.ScheduleEntry;
import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.internal.state.ActorKey;
import io.spawn.protocol.InvocationRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The actor systems a host has registered with this proxy since it started, and a gate that holds back due
 * delayed calls and timers of any other system.
 *
 * <p>
 * Registrations live in memory while schedules are durable. After a restart the runtime knows no system until its
 * host registers again, and it drops a due call to an unknown system as a call to a deleted actor; so a delayed
 * call that fell due while the proxy was down (or starting) would be lost. Through the gate such a call waits,
 * and is retried by the scheduler until the host has registered its system.
 */
public final class RegisteredSystems {

	private final Set<String> systems = ConcurrentHashMap.newKeySet();

	/**
	 * Records a registration accepted by the runtime.
	 * @param system the system's name
	 */
	public void registered(String system) {
		this.systems.add(system);
	}

	/**
	 * Whether a host registered the system with this proxy since it started.
	 * @param system the system's name
	 * @return whether registered
	 */
	public boolean isRegistered(String system) {
		return this.systems.contains(system);
	}

	/**
	 * The systems registered since the proxy started, in name order.
	 * @return their names
	 */
	public List<String> names() {
		return this.systems.stream().sorted().toList();
	}

	/**
	 * A scheduler that dispatches due invocations only for registered systems; the others are refused, so that
	 * {@code scheduler} keeps them and tries again later.
	 * @param scheduler the scheduler to gate
	 * @return the gated scheduler
	 */
	public InvocationScheduler gate(InvocationScheduler scheduler) {
		return new GatedScheduler(scheduler, this);
	}

	static String system(InvocationRequest request) {
		String system = request.getActor().getId().getSystem();
		return system.isEmpty() ? request.getSystem().getName() : system;
	}

	private record GatedScheduler(InvocationScheduler delegate, RegisteredSystems systems)
			implements InvocationScheduler {

		@Override
		public void start(Dispatcher dispatcher) {
			this.delegate.start((invocation) -> isRegistered(invocation) && dispatcher.dispatch(invocation));
		}

		private boolean isRegistered(ScheduledInvocation invocation) {
			return this.systems.isRegistered(system(invocation.request()));
		}

		@Override
		public void schedule(ScheduledInvocation invocation) {
			this.delegate.schedule(invocation);
		}

		@Override
		public boolean cancel(String id) {
			return this.delegate.cancel(id);
		}

		@Override
		public int cancelAll(ActorKey actor) {
			return this.delegate.cancelAll(actor);
		}

		@Override
		public List<ScheduleEntry> list(String system, @Nullable String actor, @Nullable String afterId, int limit) {
			return this.delegate.list(system, actor, afterId, limit);
		}

		@Override
		public void stop() {
			this.delegate.stop();
		}

	}

}
