package io.spawn.internal.activator.cron;

import io.spawn.internal.activator.ActivatorDefinition;
import io.spawn.internal.activator.ActivatorInvoker;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.IncomingMessage;
import io.spawn.internal.runtime.ActorRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.scheduling.support.CronExpression;

/**
 * Fires the activator's action at each occurrence of a cron expression, once across the cluster.
 *
 * <p>
 * An occurrence is not fired by this member: it is stored as a delayed call of the runtime's scheduler under the id
 * {@code spawn-activator:<name>:<epoch millis>}, the same on every member, so that the members' entries are one
 * row of the shared scheduler table, claimed and fired by one member. A member stores an occurrence only while it is
 * between {@link #GUARD} and {@link #GUARD} + {@link #HORIZON} away: never so close that another member may be
 * claiming or may have fired it already (storing it again would release the claim, or store it anew), and early
 * enough that a member whose timer runs late by up to {@link #HORIZON} still stores it. Clocks must agree to within
 * {@link #GUARD}. After the whole cluster was down, the entries stored before it stopped (the occurrences due within
 * {@link #GUARD} + {@link #HORIZON}: one, for a period of that length or more) fire once, late; the occurrences in
 * between are skipped: no storm of catch-up calls.
 */
final class CronActivatorSource implements ActivatorSource {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(CronActivatorSource.class));

	private static final Duration RETRY = Duration.ofSeconds(1);

	/** No occurrence closer than this is stored: another member may be firing it. */
	static final Duration GUARD = Duration.ofSeconds(1);

	/** How far beyond {@link #GUARD} occurrences are stored, and how late a member's timer may run. */
	static final Duration HORIZON = Duration.ofSeconds(1);

	private final ActorRuntime runtime;

	private final ActivatorInvoker invoker;

	private final CronExpression expression;

	private final ZoneId zone;

	private final Clock clock;

	private final ScheduledExecutorService timer;

	private @Nullable ScheduledFuture<?> next;

	/** The last occurrence this member stored; it stores only later ones. */
	private Instant stored = Instant.MIN;

	private boolean started;

	CronActivatorSource(ActorRuntime runtime, ActivatorInvoker invoker, CronExpression expression, ZoneId zone,
			Clock clock, ScheduledExecutorService timer) {
		this.runtime = runtime;
		this.invoker = invoker;
		this.expression = expression;
		this.zone = zone;
		this.clock = clock;
		this.timer = timer;
	}

	@Override
	public synchronized void start() {
		if (!this.started) {
			this.started = true;
			plan();
		}
	}

	@Override
	public synchronized void stop() {
		this.started = false;
		if (this.next != null) {
			this.next.cancel(false);
			this.next = null;
		}
	}

	/**
	 * Stores the occurrences now between {@link #GUARD} and {@link #GUARD} + {@link #HORIZON} away, and plans the
	 * next run for when the following occurrence enters that window.
	 */
	private synchronized void plan() {
		if (!this.started) {
			return;
		}
		Instant now = this.clock.instant();
		Instant earliest = now.plus(GUARD);
		Instant latest = earliest.plus(HORIZON);
		Instant after = this.stored.isAfter(earliest) ? this.stored : earliest.minusMillis(1);
		Instant occurrence = next(after);
		while (occurrence != null && !occurrence.isAfter(latest)) {
			try {
				store(occurrence);
			}
			catch (RuntimeException ex) {
				Instant failed = occurrence;
				logger.warn(() -> "Activator '" + definition().name() + "': could not store its occurrence at "
						+ failed + ", trying again in " + RETRY.toSeconds() + "s: " + ex.getMessage());
				this.next = this.timer.schedule(this::plan, RETRY.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
			this.stored = occurrence;
			occurrence = next(occurrence);
		}
		if (occurrence == null) {
			logger.info(() -> "Activator '" + definition().name() + "': its cron expression has no more occurrences");
			return;
		}
		long delay = Math.max(0, occurrence.minus(GUARD).minus(HORIZON).toEpochMilli() - this.clock.millis());
		this.next = this.timer.schedule(this::plan, delay, TimeUnit.MILLISECONDS);
	}

	private @Nullable Instant next(Instant after) {
		ZonedDateTime next = this.expression.next(after.atZone(this.zone));
		return (next != null) ? next.toInstant() : null;
	}

	private void store(Instant due) {
		ActivatorDefinition definition = definition();
		String id = id(definition.name(), due);
		String body = "{\"activator\":\"" + definition.name() + "\",\"scheduledAt\":\"" + due + "\"}";
		this.runtime.schedule(id,
				this.invoker.request(new IncomingMessage(id, body.getBytes(StandardCharsets.UTF_8), (name) -> null)),
				due.toEpochMilli());
	}

	static String id(String activator, Instant occurrence) {
		return "spawn-activator:" + activator + ":" + occurrence.toEpochMilli();
	}

	private ActivatorDefinition definition() {
		return this.invoker.definition();
	}

}
