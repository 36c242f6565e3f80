package io.spawn.autoconfigure.activators;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import io.spawn.actor.InitialState;
import io.spawn.actor.RecentMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The activator test's actor: one write-through shipment per id, fed by messages, dropping redeliveries with
 * {@link RecentMessages}. Its first "slow" item outlives the activator's call timeout, so that the message is
 * delivered again after the actor applied it.
 */
@Actor(value = "shipment", kind = ActorKind.UNNAMED, writeThrough = true)
public class ShipmentActor {

	static final AtomicBoolean slowOnce = new AtomicBoolean(true);

	public record Shipment(List<String> items, RecentMessages applied) {
	}

	public record AddItem(String shipment, String item) {
	}

	@InitialState
	public Shipment initial() {
		return new Shipment(List.of(), RecentMessages.keeping(8));
	}

	@Action
	public Effect<Shipment, Void> add(Shipment shipment, AddItem add, ActorContext<Shipment> context)
			throws InterruptedException {
		if (shipment.applied().contains(context)) {
			return Effect.noReply();
		}
		if (add.item().equals("slow") && slowOnce.getAndSet(false)) {
			Thread.sleep(900);
		}
		List<String> items = new ArrayList<>(shipment.items());
		items.add(add.item());
		return Effect.update(new Shipment(items, shipment.applied().add(context)));
	}

	@Action
	public Shipment read(Shipment shipment) {
		return shipment;
	}

}
