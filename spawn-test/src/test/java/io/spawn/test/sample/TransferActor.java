package io.spawn.test.sample;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.client.ActorRefs;

/**
 * A stateless actor that calls other actors through typed references injected by constructor.
 */
@Actor(value = "transfers", stateful = false)
public class TransferActor {

	private final ActorRefs<CounterActor> counters;

	public TransferActor(ActorRefs<CounterActor> counters) {
		this.counters = counters;
	}

	public record Transfer(String from, String to, long amount) {
	}

	@Action
	public CounterActor.Total transfer(Transfer transfer) {
		this.counters.get(transfer.from()).call(CounterActor::withdraw, new CounterActor.Add(transfer.amount()));
		return this.counters.get(transfer.to()).call(CounterActor::add, new CounterActor.Add(transfer.amount()));
	}

}
