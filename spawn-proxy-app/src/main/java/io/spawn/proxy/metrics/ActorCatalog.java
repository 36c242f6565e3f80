package io.spawn.proxy.metrics;

import io.spawn.internal.state.ActorKey;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.FixedTimerAction;
import io.spawn.protocol.actors.Kind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What the proxy learned from registrations and spawns, kept to turn an actor and an action into metric tag
 * values from a bounded set: a declared actor keeps its name, an instance of an UNNAMED template is tagged with
 * its template, a declared action keeps its name, and anything else (unknown systems, actors, actions; instances
 * beyond {@link #MAX_INSTANCES}) is tagged {@link #UNKNOWN}. Callers choosing actor or action names at random can
 * therefore never grow the number of time series.
 */
public final class ActorCatalog {

	/** Tag value of whatever is not declared. */
	public static final String UNKNOWN = "<unknown>";

	/** Instances remembered for tagging; beyond it new instances are tagged {@link #UNKNOWN}. */
	static final int MAX_INSTANCES = 100_000;

	/** Systems remembered for tagging. */
	static final int MAX_SYSTEMS = 100;

	/** Actions the runtime answers without the actor declaring them (implicit read, init). */
	private static final Set<String> IMPLICIT_ACTIONS = Set.of("get", "Get", "get_state", "getState", "GetState",
			"init", "Init", "setup", "Setup");

	private final ConcurrentMap<String, SystemEntry> systems = new ConcurrentHashMap<>();

	private final AtomicInteger instanceCount = new AtomicInteger();

	/**
	 * Records the actors of a registration, replacing the system's previous ones.
	 * @param system the system registered
	 * @param request the registration
	 */
	public void registered(String system, RegistrationRequest request) {
		Map<String, Set<String>> actors = new HashMap<>();
		Set<String> templates = new HashSet<>();
		for (Map.Entry<String, Actor> entry : request.getActorSystem().getRegistry().getActorsMap().entrySet()) {
			Actor actor = entry.getValue();
			String name = actor.getId().getName().isEmpty() ? entry.getKey() : actor.getId().getName();
			Set<String> actions = new HashSet<>();
			for (Action action : actor.getActionsList()) {
				actions.add(action.getName());
			}
			for (FixedTimerAction timer : actor.getTimerActionsList()) {
				actions.add(timer.getAction().getName());
			}
			actors.put(name, Set.copyOf(actions));
			if (actor.getSettings().getKind() == Kind.UNNAMED) {
				templates.add(name);
			}
		}
		if (this.systems.size() >= MAX_SYSTEMS && !this.systems.containsKey(system)) {
			return;
		}
		// Instances stay known across registrations of the system: the runtime keeps them too.
		SystemEntry previous = this.systems.get(system);
		ConcurrentMap<String, String> instances = (previous != null) ? previous.instances : new ConcurrentHashMap<>();
		this.systems.put(system, new SystemEntry(Map.copyOf(actors), Set.copyOf(templates), instances));
	}

	/**
	 * Records instances created by a spawn request.
	 * @param system the system
	 * @param request the spawn request
	 */
	public void spawned(String system, SpawnRequest request) {
		for (ActorId id : request.getActorsList()) {
			referenced(system, id.getName(), id.getParent());
		}
	}

	/**
	 * Records an instance of a template, named by a call's {@code register_ref}.
	 * @param system the system
	 * @param instance the instance's name
	 * @param template the template's name
	 */
	public void referenced(String system, String instance, String template) {
		SystemEntry entry = this.systems.get(system);
		if (entry == null || instance.isEmpty() || !entry.templates.contains(template)
				|| entry.actors.containsKey(instance) || entry.instances.containsKey(instance)) {
			return;
		}
		if (this.instanceCount.incrementAndGet() > MAX_INSTANCES) {
			this.instanceCount.decrementAndGet();
			return;
		}
		entry.instances.putIfAbsent(instance, template);
	}

	/**
	 * The system's tag value.
	 * @param system the system
	 * @return its name when registered, else {@link #UNKNOWN}
	 */
	public String systemTag(String system) {
		return this.systems.containsKey(system) ? system : UNKNOWN;
	}

	/**
	 * The actor's tag value.
	 * @param actor the actor
	 * @return its name when declared, its template's for a known instance, else {@link #UNKNOWN}
	 */
	public String actorTag(ActorKey actor) {
		String definition = definition(actor);
		return (definition != null) ? definition : UNKNOWN;
	}

	/**
	 * The action's tag value.
	 * @param actor the actor called
	 * @param action the action
	 * @return the action when the actor (or its template) declares it or the runtime implements it, else
	 * {@link #UNKNOWN}
	 */
	public String actionTag(ActorKey actor, String action) {
		if (IMPLICIT_ACTIONS.contains(action)) {
			return action;
		}
		String definition = definition(actor);
		if (definition == null) {
			return UNKNOWN;
		}
		Set<String> actions = this.systems.get(actor.system()).actors.get(definition);
		return (actions != null && actions.contains(action)) ? action : UNKNOWN;
	}

	private @Nullable String definition(ActorKey actor) {
		SystemEntry entry = this.systems.get(actor.system());
		if (entry == null) {
			return null;
		}
		if (entry.actors.containsKey(actor.name())) {
			return actor.name();
		}
		return entry.instances.get(actor.name());
	}

	private record SystemEntry(Map<String, Set<String>> actors, Set<String> templates,
			ConcurrentMap<String, String> instances) {
	}

}
