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
 * row of the shared scheduler table, claimed and fired by one member. Each member writes the entry of occurrence
 * {@code n + 1} when occurrence {@code n} falls due on its clock, a whole period before it fires, so that a member
 * never writes again an entry another member has already fired or is firing (clocks must agree to within a period);
 * a member that starts stores first the occurrence after {@link #START_GUARD} from now, for the same reason. After the
 * whole cluster was down, the one entry written before the downtime fires once, late, and the occurrences in between
 * are skipped: no storm of catch-up calls.
 */
final class CronActivatorSource implements ActivatorSource {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(CronActivatorSource.class));

	private static final Duration RETRY = Duration.ofSeconds(1);

	/**
	 * A starting member stores no occurrence due sooner than this: another member may be firing it already, and
	 * storing it again would release that member's claim.
	 */
	static final Duration START_GUARD = Duration.ofSeconds(1);

	private final ActorRuntime runtime;

	private final ActivatorInvoker invoker;

	private final CronExpression expression;

	private final ZoneId zone;

	private final Clock clock;

	private final ScheduledExecutorService timer;

	private @Nullable ScheduledFuture<?> next;

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
			plan(this.clock.instant().plus(START_GUARD));
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

	/** Stores the first occurrence after {@code after}, and plans the storing of the one after it. */
	private synchronized void plan(Instant after) {
		if (!this.started) {
			return;
		}
		ZonedDateTime occurrence = this.expression.next(after.atZone(this.zone));
		if (occurrence == null) {
			logger.info(() -> "Activator '" + definition().name() + "': its cron expression has no more occurrences");
			return;
		}
		Instant due = occurrence.toInstant();
		try {
			store(due);
		}
		catch (RuntimeException ex) {
			logger.warn(() -> "Activator '" + definition().name() + "': could not store its occurrence at " + due
					+ ", trying again in " + RETRY.toSeconds() + "s: " + ex.getMessage());
			this.next = this.timer.schedule(() -> plan(after), RETRY.toMillis(), TimeUnit.MILLISECONDS);
			return;
		}
		long delay = Math.max(0, due.toEpochMilli() - this.clock.millis());
		this.next = this.timer.schedule(() -> plan(due), delay, TimeUnit.MILLISECONDS);
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
