package io.spawn.autoconfigure;

import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.ActorStateStore;

/**
 * Where the embedded runtime keeps state and schedules: the application's database, or memory.
 * @param stateStore the state store
 * @param scheduler the scheduler of delayed calls and timers
 * @param durable whether state survives a restart
 * @param closer releases the store at shutdown, after the runtime flushed
 */
public record EmbeddedStatePersistence(ActorStateStore stateStore, InvocationScheduler scheduler, boolean durable,
		AutoCloseable closer) implements AutoCloseable {

	@Override
	public void close() throws Exception {
		this.closer.close();
	}

}
