package io.spawn.internal.activator.cron;

import io.spawn.internal.activator.ActivatorDefinition;
import io.spawn.internal.activator.ActivatorInvoker;
import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.ActivatorSourceFactory;
import io.spawn.internal.activator.MessageHandler;
import io.spawn.internal.runtime.ActorRuntime;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.support.CronExpression;

/**
 * Creates the cron sources ({@code source=cron}); their timers share one daemon thread, which only writes schedule
 * entries (the calls run on the runtime's threads).
 */
public final class CronActivatorSourceFactory implements ActivatorSourceFactory, DisposableBean {

	private final ActorRuntime runtime;

	private final Clock clock;

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("spawn-cron-activators").factory());

	public CronActivatorSourceFactory(ActorRuntime runtime, Clock clock) {
		this.runtime = runtime;
		this.clock = clock;
	}

	@Override
	public Source kind() {
		return Source.CRON;
	}

	@Override
	public ActivatorSource create(ActivatorInvoker invoker, Activator settings) {
		// Both were checked by ActivatorDefinitions.
		return new CronActivatorSource(this.runtime, invoker, CronExpression.parse(settings.getCron().getExpression()),
				ZoneId.of(settings.getCron().getZone()), this.clock, this.timer);
	}

	/**
	 * Not supported: a cron activator's firings are calls stored in the runtime's scheduler, which run without this
	 * source; they cannot be handed to another handler.
	 */
	@Override
	public ActivatorSource create(ActivatorDefinition definition, MessageHandler handler, Activator settings) {
		throw new UnsupportedOperationException("activator '" + definition.name()
				+ "': cron firings are calls of the runtime's scheduler and go to the actor only");
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
