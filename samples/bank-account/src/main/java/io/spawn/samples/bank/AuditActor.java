package io.spawn.samples.bank;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.Effect;
import io.spawn.actor.InitialState;
import io.spawn.actor.Rest;
import io.spawn.actor.Subscribe;
import io.spawn.samples.bank.AccountActor.LargeMovement;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every large movement broadcast by accounts.
 */
@Actor("audit")
public class AuditActor {

	/** The audit trail. */
	public record Trail(List<LargeMovement> movements) {
	}

	@InitialState
	public Trail empty() {
		return new Trail(List.of());
	}

	@Subscribe(channel = "large-movements")
	public Effect<Trail, Void> record(Trail trail, LargeMovement movement) {
		List<LargeMovement> movements = new ArrayList<>(trail.movements());
		movements.add(movement);
		return Effect.update(new Trail(movements));
	}

	@Action
	@Rest(method = "GET", path = "/audit")
	public Trail trail(Trail trail) {
		return trail;
	}

}
