package io.spawn.internal.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * A lock-free mailbox: a queue and one counter of messages offered and not yet finished. The producer that moves
 * the counter from 0 is told to start a drain; a consumer learns from {@link #finished()} when its own decrement
 * brought it back to 0. {@link #close()} moves it from 1 (the message being handled) to closed, after which
 * offers fail with {@link Offer#CLOSED}.
 */
final class Mailbox {

	private static final VarHandle PENDING;

	static {
		try {
			PENDING = MethodHandles.lookup().findVarHandle(Mailbox.class, "pending", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final int CLOSED = Integer.MIN_VALUE;

	private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();

	@SuppressWarnings("unused") // accessed through PENDING
	private volatile int pending;

	/**
	 * Adds a message.
	 * @param envelope the message
	 * @param capacity messages beyond which the offer is refused; {@code Integer.MAX_VALUE} for system messages
	 * @return the outcome; {@link Offer#START} when the caller must start a drain
	 */
	Offer offer(Envelope envelope, int capacity) {
		if ((int) PENDING.getVolatile(this) >= capacity) {
			return Offer.FULL;
		}
		this.queue.offer(envelope);
		int before = (int) PENDING.getAndAdd(this, 1);
		if (before < 0) {
			this.queue.remove(envelope);
			return Offer.CLOSED;
		}
		return (before == 0) ? Offer.START : Offer.ACCEPTED;
	}

	/** The next message, or null when an offer is between its enqueue and its count. */
	@Nullable Envelope poll() {
		return this.queue.poll();
	}

	/**
	 * Counts one message as finished.
	 * @return whether the mailbox is now empty (the drain must stop)
	 */
	boolean finished() {
		return (int) PENDING.getAndAdd(this, -1) == 1;
	}

	/**
	 * Closes the mailbox if the message being handled is the only one.
	 * @return whether it closed
	 */
	boolean close() {
		return PENDING.compareAndSet(this, 1, CLOSED);
	}

	int pending() {
		return Math.max(0, (int) PENDING.getVolatile(this));
	}

	boolean closed() {
		return (int) PENDING.getVolatile(this) < 0;
	}

	/** Outcome of {@link #offer}. */
	enum Offer {

		/** Taken, and the mailbox was empty: the caller starts the drain. */
		START,

		/** Taken; a drain is running. */
		ACCEPTED,

		FULL, CLOSED;

		boolean taken() {
			return this == START || this == ACCEPTED;
		}

	}

}
