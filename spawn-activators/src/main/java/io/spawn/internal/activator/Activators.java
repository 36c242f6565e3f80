package io.spawn.internal.activator;

import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;
import io.spawn.internal.runtime.ActorRuntime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;

/**
 * Every configured activator, each started once its actor system is registered with the runtime (in the proxy,
 * when the host registers; in embedded mode, at startup), so that no message meets an actor the runtime does not
 * know yet. Stopped before the runtime drains, so that no call is refused by a draining runtime.
 */
public final class Activators implements SmartLifecycle {

	/** After the runtime's lifecycle, so that sources start after it and stop before it. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE + 1024;

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(Activators.class));

	private final ActorRuntime runtime;

	private final List<Running> activators;

	private volatile boolean running;

	private volatile boolean listening;

	private volatile boolean starting;

	/**
	 * Checks every activator and creates its source; throws at startup for a wrong configuration.
	 * @param runtime the runtime the activators call
	 * @param properties the activators
	 * @param factories the source kinds available
	 * @throws ActivatorConfigurationException naming each problem
	 */
	public Activators(ActorRuntime runtime, ActivatorProperties properties, List<ActivatorSourceFactory> factories) {
		this.runtime = runtime;
		Map<Source, ActivatorSourceFactory> byKind = new EnumMap<>(Source.class);
		factories.forEach((factory) -> byKind.putIfAbsent(factory.kind(), factory));
		List<Running> activators = new ArrayList<>();
		for (ActivatorDefinition definition : ActivatorDefinitions.of(properties.getActivators())) {
			ActivatorSourceFactory factory = byKind.get(definition.source());
			if (factory == null) {
				throw new ActivatorConfigurationException(definition.prefix() + ".source is "
						+ definition.source().name().toLowerCase(Locale.ROOT) + ", whose client is not on the classpath: "
						+ missingClient(definition.source()));
			}
			Activator settings = properties.getActivators().get(definition.name());
			activators.add(new Running(definition,
					factory.create(new ActivatorInvoker(runtime, definition), settings)));
		}
		this.activators = List.copyOf(activators);
	}

	private static String missingClient(Source source) {
		return switch (source) {
			case KAFKA -> "add org.springframework.kafka:spring-kafka";
			case RABBITMQ -> "add org.springframework.amqp:spring-rabbit";
			case NATS -> "add io.nats:jnats";
			case CRON -> "the cron source is part of spawn-activators";
		};
	}

	/**
	 * The activators' definitions.
	 * @return them, in configuration order
	 */
	public List<ActivatorDefinition> definitions() {
		return this.activators.stream().map(Running::definition).toList();
	}

	/**
	 * Starts the activators of the systems registered already (embedded mode registers before this phase), where a
	 * source that cannot start stops the application; the others start when their system registers.
	 */
	@Override
	public void start() {
		this.running = true;
		if (!this.listening && !this.activators.isEmpty()) {
			this.listening = true;
			this.starting = true;
			try {
				this.runtime.onRegistered(this::registered);
			}
			finally {
				this.starting = false;
			}
		}
	}

	private void registered(String system) {
		if (!this.running) {
			return;
		}
		for (Running activator : this.activators) {
			if (activator.definition.system().equals(system)) {
				logger.debug(() -> "Starting activator '" + activator.definition.name() + "'");
				try {
					activator.source.start();
				}
				catch (RuntimeException ex) {
					if (this.starting) {
						throw ex;
					}
					// A host's registration must not fail for it; its next registration tries again.
					logger.error(ex, () -> "Activator '" + activator.definition.name() + "' could not start: "
							+ ex.getMessage());
				}
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		for (Running activator : this.activators) {
			try {
				activator.source.stop();
			}
			catch (RuntimeException ex) {
				logger.warn(ex, () -> "Stopping activator '" + activator.definition.name() + "' failed");
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private record Running(ActivatorDefinition definition, ActivatorSource source) {
	}

}
