package io.spawn.internal.runtime;

import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.ProxyInfo;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.RequestStatus;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.SpawnResponse;
import io.spawn.protocol.Status;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.FixedTimerAction;
import io.spawn.protocol.actors.Kind;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * What the hosts registered: actor systems, their definitions, the instances spawned from UNNAMED templates,
 * and the timers the definitions declare.
 */
final class Registrations {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(Registrations.class));

	private final ConcurrentMap<String, ActorSystemRegistry> systems = new ConcurrentHashMap<>();

	private final InvocationScheduler scheduler;

	private final RuntimeClock clock;

	private final RuntimeSettings settings;

	private final ActorDirectory directory;

	private final String proxyName;

	private final String proxyVersion;

	private final java.util.List<java.util.function.Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	Registrations(InvocationScheduler scheduler, RuntimeClock clock, RuntimeSettings settings,
			ActorDirectory directory, String proxyName, String proxyVersion) {
		this.scheduler = scheduler;
		this.clock = clock;
		this.settings = settings;
		this.directory = directory;
		this.proxyName = proxyName;
		this.proxyVersion = proxyVersion;
	}

	void onRegistered(java.util.function.Consumer<String> listener) {
		this.listeners.add(listener);
		if (!this.systems.isEmpty()) {
			listener.accept(this.systems.keySet().iterator().next());
		}
	}

	@Nullable ActorSystemRegistry system(String name) {
		return this.systems.get(name);
	}

	ActorSystemRegistry requireSystem(String systemName) {
		ActorSystemRegistry registry = this.systems.get(systemName);
		if (registry == null) {
			throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
					"no actor system '" + systemName + "' is registered");
		}
		return registry;
	}

	RegistrationResponse register(RegistrationRequest request) {
		String systemName = request.getActorSystem().getName();
		if (systemName.isBlank()) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST,
					"RegistrationRequest.actor_system.name is required");
		}
		Map<String, ActorDefinition> definitions = new LinkedHashMap<>();
		for (Map.Entry<String, Actor> entry : request.getActorSystem().getRegistry().getActorsMap().entrySet()) {
			ActorDefinition definition = ActorDefinition.of(systemName, entry.getKey(), entry.getValue(),
					this.settings);
			definitions.put(definition.name, definition);
		}
		ActorSystemRegistry registry = this.systems.computeIfAbsent(systemName, ActorSystemRegistry::new);
		Map<String, ActorDefinition> previous;
		synchronized (registry) {
			previous = registry.definitions();
			registry.replaceDefinitions(definitions);
		}
		updateTimers(registry, previous, definitions);
		this.directory.passivateWhere((activation) -> activation.system == registry
				&& !definitions.containsKey(activation.definitionName));
		logger.debug(() -> "Registered " + definitions.size() + " actors in system '" + systemName + "'");
		for (java.util.function.Consumer<String> listener : this.listeners) {
			listener.accept(systemName);
		}
		return RegistrationResponse.newBuilder()
			.setStatus(RequestStatus.newBuilder().setStatus(Status.OK).setMessage("Accepted"))
			.setProxyInfo(ProxyInfo.newBuilder()
				.setProtocolMajorVersion(ActorRuntime.PROTOCOL_MAJOR)
				.setProtocolMinorVersion(ActorRuntime.PROTOCOL_MINOR)
				.setProxyName(this.proxyName)
				.setProxyVersion(this.proxyVersion))
			.build();
	}

	SpawnResponse spawn(String systemName, SpawnRequest request, @Nullable Long revision) {
		if (revision != null && revision <= 0) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST,
					"revision must be a positive number, was " + revision);
		}
		ActorSystemRegistry registry = requireSystem(systemName);
		for (ActorId id : request.getActorsList()) {
			if (id.getName().isBlank()) {
				throw new SpawnException(InvocationStatus.INVALID_REQUEST, "SpawnRequest.actors[].name is required");
			}
			if (id.getParent().isBlank()) {
				throw new SpawnException(InvocationStatus.INVALID_REQUEST,
						"SpawnRequest.actors[].parent (the UNNAMED template) is required for '" + id.getName() + "'");
			}
			template(registry, id.getParent());
			ActorDefinition existing = registry.definition(id.getName());
			if (existing != null) {
				throw new SpawnException(InvocationStatus.INVALID_REQUEST,
						"'" + id.getName() + "' is a registered actor of system '" + systemName + "', not an instance");
			}
		}
		for (ActorId id : request.getActorsList()) {
			addInstance(registry, id.getName(), id.getParent(), revision);
		}
		return SpawnResponse.newBuilder().setStatus(RequestStatus.newBuilder().setStatus(Status.OK)).build();
	}

	static ActorDefinition template(ActorSystemRegistry registry, String parent) {
		ActorDefinition template = registry.definition(parent);
		if (template == null || template.kind != Kind.UNNAMED) {
			throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
					"no UNNAMED template '" + parent + "' in system '" + registry.name + "'");
		}
		return template;
	}

	void addInstance(ActorSystemRegistry registry, String name, String parent, @Nullable Long revision) {
		boolean isNew = registry.instance(name) == null;
		registry.addInstance(name, parent, revision);
		ActorDefinition template = registry.definition(parent);
		if (isNew && template != null && !template.timers.isEmpty()) {
			ActorId id = ActorId.newBuilder().setSystem(registry.name).setName(name).setParent(parent).build();
			for (FixedTimerAction timer : template.timers) {
				scheduleTimer(id, timer);
			}
		}
	}

	/** The definition a scheduled or incoming call would run, or null when its actor is unknown. */
	@Nullable ActorDefinition definitionOf(ActorSystemRegistry registry, InvocationRequest request) {
		String name = request.getActor().getId().getName();
		ActorDefinition definition = registry.definition(name);
		if (definition != null) {
			return definition;
		}
		ActorSystemRegistry.Instance instance = registry.instance(name);
		String parent = (instance != null) ? instance.parent() : request.getRegisterRef();
		return parent.isEmpty() ? null : registry.definition(parent);
	}

	private void updateTimers(ActorSystemRegistry registry, Map<String, ActorDefinition> previous,
			Map<String, ActorDefinition> current) {
		Set<String> wanted = new HashSet<>();
		for (ActorDefinition definition : current.values()) {
			if (definition.kind == Kind.NAMED || definition.kind == Kind.POOLED) {
				ActorId id = ActorId.newBuilder().setSystem(registry.name).setName(definition.name).build();
				for (FixedTimerAction timer : definition.timers) {
					String timerId = timerId(id, timer.getAction().getName());
					wanted.add(timerId);
					ActorDefinition before = previous.get(definition.name);
					if (before == null || !before.timers.contains(timer)) {
						scheduleTimer(id, timer);
					}
				}
			}
		}
		for (ActorDefinition definition : previous.values()) {
			ActorDefinition now = current.get(definition.name);
			if (definition.kind == Kind.UNNAMED) {
				if (now == null || !now.timers.equals(definition.timers)) {
					logger.debug(() -> "Timers of instances of '" + definition.name + "' stop at their next firing");
				}
				continue;
			}
			ActorId id = ActorId.newBuilder().setSystem(registry.name).setName(definition.name).build();
			for (FixedTimerAction timer : definition.timers) {
				String timerId = timerId(id, timer.getAction().getName());
				if (!wanted.contains(timerId)) {
					this.scheduler.cancel(timerId);
				}
			}
		}
	}

	private void scheduleTimer(ActorId id, FixedTimerAction timer) {
		// FixedTimerAction.seconds carries milliseconds on the wire, as upstream proxies read it.
		long interval = timer.getSeconds();
		InvocationRequest request = HostCalls.selfCall(id, timer.getAction().getName())
			.toBuilder()
			.setAsync(true)
			.build();
		this.scheduler.schedule(new ScheduledInvocation(timerId(id, timer.getAction().getName()), request,
				this.clock.millis() + interval, interval));
	}

	static String timerId(ActorId id, String action) {
		return "timer:" + id.getSystem() + "/" + id.getName() + "/" + action;
	}

	boolean cancelTimer(String system, String actor, String action) {
		return this.scheduler.cancel(timerId(ActorId.newBuilder().setSystem(system).setName(actor).build(), action));
	}

}
