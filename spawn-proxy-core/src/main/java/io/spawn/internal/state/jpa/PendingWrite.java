package io.spawn.internal.state.jpa;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.StateStoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One snapshot write waiting in the {@link GroupCommitter}: its columns, already encoded by the caller's thread,
 * the caller's thread (parked until the write is decided), and whether the caller was asked to lead a commit.
 */
final class PendingWrite {

	private static final int WAITING = 0;

	private static final int PROMOTED = 1;

	private static final int FINISHED = 2;

	final ActorKey key;

	final @Nullable String parent;

	final long expectedRevision;

	final String stateType;

	final byte[] bytes;

	final String tags;

	final CompletableFuture<Long> result = new CompletableFuture<>();

	private final Thread caller;

	private final AtomicInteger turn = new AtomicInteger(WAITING);

	PendingWrite(ActorKey key, @Nullable String parent, long expectedRevision, String stateType, byte[] bytes,
			String tags, Thread caller) {
		this.key = key;
		this.parent = parent;
		this.expectedRevision = expectedRevision;
		this.stateType = stateType;
		this.bytes = bytes;
		this.tags = tags;
		this.caller = caller;
	}

	void succeed() {
		this.result.complete(this.expectedRevision + 1);
		LockSupport.unpark(this.caller);
	}

	void fail(StateStoreException ex) {
		this.result.completeExceptionally(ex);
		LockSupport.unpark(this.caller);
	}

	boolean isDone() {
		return this.result.isDone();
	}

	/** Hands a commit slot to this write's caller; false when it is already leading or has returned. */
	boolean promote() {
		if (this.turn.compareAndSet(WAITING, PROMOTED)) {
			LockSupport.unpark(this.caller);
			return true;
		}
		return false;
	}

	/** Whether a commit slot was handed to this caller (and takes it). */
	boolean takePromotion() {
		return this.turn.compareAndSet(PROMOTED, WAITING);
	}

	/** Marks the caller as gone; false when a slot was handed over meanwhile, which the caller must then use. */
	boolean finish() {
		return this.turn.compareAndSet(WAITING, FINISHED);
	}

}
