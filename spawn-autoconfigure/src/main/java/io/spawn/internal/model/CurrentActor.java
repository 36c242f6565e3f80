package io.spawn.internal.model;

import io.spawn.protocol.actors.ActorId;
import org.jspecify.annotations.Nullable;

/**
 * The actor whose action runs on the current thread, so that calls it makes carry it as their caller (which the
 * runtime uses to detect re-entrant call chains) and its call's metadata.
 */
final class CurrentActor {

	private static final ThreadLocal<@Nullable Frame> CURRENT = new ThreadLocal<>();

	private CurrentActor() {
	}

	static @Nullable Frame get() {
		return CURRENT.get();
	}

	static @Nullable Frame enter(Frame frame) {
		Frame previous = CURRENT.get();
		CURRENT.set(frame);
		return previous;
	}

	static void restore(@Nullable Frame previous) {
		if (previous == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(previous);
		}
	}

	/**
	 * An action in progress.
	 * @param self the actor
	 * @param traceparent the trace it belongs to, or {@code null}
	 */
	record Frame(ActorId self, @Nullable String traceparent) {
	}

}
