package io.spawn.actor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ids of the last messages an actor applied, kept in its state so that it can drop a redelivery. Activators
 * deliver each message at least once and pass its id in the call's metadata under {@value #MESSAGE_ID}; a
 * redelivery carries the same id.
 *
 * <pre>{@code
 * record Shipment(List<String> items, RecentMessages applied) { }
 *
 * @Action
 * public Effect<Shipment, Void> add(Shipment shipment, AddItem add, ActorContext<Shipment> context) {
 *     if (shipment.applied().contains(context)) {
 *         return Effect.noReply(); // applied already: a redelivery
 *     }
 *     return Effect.update(new Shipment(append(shipment.items(), add.item()), shipment.applied().add(context)));
 * }
 * }</pre>
 *
 * An id stays known for the next {@code capacity} messages, so a redelivery is caught as long as fewer messages
 * reach the actor in between. A retried message comes back before the ones behind it; after a member died with a
 * message in flight, a NATS stream may deliver later messages first (those of about {@code nats.ack-wait}), and
 * several sources feeding one actor interleave: size the capacity for that. Because the ids live in the state, they
 * commit with it: for a write-through actor, a message is applied and remembered in one write.
 * @param ids the ids, oldest first
 * @param capacity how many ids are kept
 */
public record RecentMessages(List<String> ids, int capacity) {

	/** Metadata key under which activators pass a message's id. */
	public static final String MESSAGE_ID = "spawn-message-id";

	public RecentMessages {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		ids = List.copyOf(ids);
	}

	/**
	 * No ids yet.
	 * @param capacity how many ids to keep
	 * @return the empty list
	 */
	public static RecentMessages keeping(int capacity) {
		return new RecentMessages(List.of(), capacity);
	}

	/**
	 * The id of the message a call carries.
	 * @param context the call's context
	 * @return the id, empty for a call that no activator made
	 */
	public static Optional<String> messageId(ActorContext<?> context) {
		String id = context.metadata().get(MESSAGE_ID);
		return (id == null || id.isEmpty()) ? Optional.empty() : Optional.of(id);
	}

	/**
	 * Whether the call's message was applied already.
	 * @param context the call's context
	 * @return whether its id is known; false for a call without one
	 */
	public boolean contains(ActorContext<?> context) {
		return messageId(context).map(this.ids::contains).orElse(false);
	}

	/**
	 * These ids and the call's, dropping the oldest beyond the capacity.
	 * @param context the call's context
	 * @return the new ids; these when the call carries no id
	 */
	public RecentMessages add(ActorContext<?> context) {
		Optional<String> id = messageId(context);
		if (id.isEmpty()) {
			return this;
		}
		List<String> next = new ArrayList<>(this.ids);
		next.add(id.get());
		while (next.size() > this.capacity) {
			next.removeFirst();
		}
		return new RecentMessages(next, this.capacity);
	}

}
