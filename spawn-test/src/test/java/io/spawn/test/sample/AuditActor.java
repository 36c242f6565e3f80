package io.spawn.test.sample;

import io.spawn.actor.Actor;
import io.spawn.actor.Effect;
import io.spawn.actor.InitialState;
import io.spawn.actor.Subscribe;
import io.spawn.actor.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * A test actor: records every big total broadcast by counters.
 */
@Actor("audit")
public class AuditActor {

	public record Log(List<Long> totals) {
	}

	@InitialState
	public Log empty() {
		return new Log(List.of());
	}

	@Subscribe(channel = "big-totals")
	public Effect<Log, Void> onBigTotal(Log log, CounterActor.Total total) {
		List<Long> totals = new ArrayList<>(log.totals());
		totals.add(total.value());
		return Effect.update(new Log(totals));
	}

	@Action
	public Log entries(Log log) {
		return log;
	}

}
