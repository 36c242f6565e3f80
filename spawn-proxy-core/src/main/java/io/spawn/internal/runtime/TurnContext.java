package io.spawn.internal.runtime;

import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.time.RuntimeClock;

/**
 * What a turn runs with, handed to every {@link Activation} and {@link ActorPool}: the host, the workflow
 * engine, the one place calls complete, the store and the dispatcher (for calls that must move elsewhere).
 */
record TurnContext(RuntimeClock clock, ActorStateStore store, RuntimeObserver observer, HostCalls host,
		Workflows workflows, Completion completion, ActorDirectory directory, CallDispatcher dispatcher) {

	void startVirtual(Runnable work) {
		Thread.ofVirtual().start(work);
	}

}
