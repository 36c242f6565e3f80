package io.spawn.test;

import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Broadcast;
import io.spawn.protocol.SideEffect;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What actions emitted during a {@link SpawnTest}: broadcasts and side effects, in order.
 */
public final class SpawnTestRecorder {

	private final List<Recorded<Broadcast>> broadcasts = new CopyOnWriteArrayList<>();

	private final List<Recorded<SideEffect>> sideEffects = new CopyOnWriteArrayList<>();

	void record(ActorInvocation invocation, ActorInvocationResponse response) {
		String actor = invocation.getActor().getName();
		if (response.getWorkflow().hasBroadcast()) {
			this.broadcasts.add(new Recorded<>(actor, invocation.getActionName(), response.getWorkflow().getBroadcast()));
		}
		for (SideEffect effect : response.getWorkflow().getEffectsList()) {
			this.sideEffects.add(new Recorded<>(actor, invocation.getActionName(), effect));
		}
	}

	/**
	 * Broadcasts so far.
	 * @return the broadcasts
	 */
	public List<Recorded<Broadcast>> broadcasts() {
		return List.copyOf(this.broadcasts);
	}

	/**
	 * Broadcasts so far on one channel.
	 * @param channel the channel
	 * @return the broadcasts
	 */
	public List<Recorded<Broadcast>> broadcasts(String channel) {
		return this.broadcasts.stream().filter((b) -> b.what().getChannelGroup().equals(channel)).toList();
	}

	/**
	 * Side effects so far.
	 * @return the side effects
	 */
	public List<Recorded<SideEffect>> sideEffects() {
		return List.copyOf(this.sideEffects);
	}

	/**
	 * Forgets everything recorded.
	 */
	public void clear() {
		this.broadcasts.clear();
		this.sideEffects.clear();
	}

	/**
	 * One emitted workflow step.
	 * @param actor the actor whose action emitted it
	 * @param action the action
	 * @param what the broadcast or side effect, as on the wire
	 * @param <T> its type
	 */
	public record Recorded<T>(String actor, String action, T what) {
	}

}
