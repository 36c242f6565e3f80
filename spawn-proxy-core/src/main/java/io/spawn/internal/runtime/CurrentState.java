package io.spawn.internal.runtime;

import io.spawn.internal.host.LocalValue;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import io.spawn.protocol.actors.ActorState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An activation's state and tags between turns. The state is bytes (as loaded, or as a host across a process
 * boundary answered), or the object an {@link io.spawn.internal.host.ObjectHost} answered, whose bytes are made
 * only when they are needed: for a snapshot or a commit, and for a read of the state. Only the activation's turn
 * touches it.
 */
final class CurrentState {

	private ActorState state = ActorState.getDefaultInstance();

	/** The state as an object; when set, it is the state, and {@link #state}'s bytes may be older. */
	private @Nullable LocalValue object;

	/**
	 * The state and tags in bytes, made from the object if it changed since.
	 * @return the state
	 */
	ActorState bytes() {
		LocalValue current = this.object;
		if (current != null && (!this.state.hasState() || this.state.getState() != current.encoded())) {
			this.state = this.state.toBuilder().setState(current.encoded()).build();
		}
		return this.state;
	}

	/**
	 * The state as last held in bytes, to pass to the host together with {@link #object()}.
	 * @return the state, whose payload is out of date when {@link #object()} is set
	 */
	ActorState lastBytes() {
		return this.state;
	}

	/**
	 * The state as an object.
	 * @return the object, or null when the state is held in bytes only
	 */
	@Nullable LocalValue object() {
		return this.object;
	}

	/** Starts from the given state in bytes (as loaded, or empty). */
	void reset(ActorState loaded) {
		this.state = loaded;
		this.object = null;
	}

	/**
	 * Takes what a turn answered: a new state in bytes or as an object, new tags.
	 * @param response the host's response
	 * @param newObject the new state as an object, or null
	 * @return whether anything changed
	 */
	boolean update(ActorInvocationResponse response, @Nullable LocalValue newObject) {
		boolean changed = false;
		if (newObject != null) {
			LocalValue current = this.object;
			// Objects on this path are values (records of immutable parts, protobuf messages): equal is unchanged.
			if (current == null || !Objects.equals(current.value(), newObject.value())) {
				this.object = newObject;
				changed = true;
			}
		}
		if (!response.hasUpdatedContext()) {
			return changed;
		}
		Context updated = response.getUpdatedContext();
		if (!updated.hasState() && updated.getTagsCount() == 0) {
			return changed;
		}
		ActorState.Builder merged = this.state.toBuilder();
		if (updated.hasState()) {
			merged.setState(updated.getState());
			if (this.object != null) {
				this.object = null;
				changed = true;
			}
		}
		if (updated.getTagsCount() > 0) {
			merged.clearTags().putAllTags(updated.getTagsMap());
		}
		ActorState after = merged.build();
		if (!after.equals(this.state)) {
			this.state = after;
			changed = true;
		}
		return changed;
	}

	/**
	 * What {@link #restore} takes back, for a commit that failed.
	 * @return the saved state
	 */
	Saved save() {
		return new Saved(this.state, this.object);
	}

	void restore(Saved saved) {
		this.state = saved.state;
		this.object = saved.object;
	}

	record Saved(ActorState state, @Nullable LocalValue object) {
	}

}
