package io.spawn.internal.runtime;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.StateStoreException;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.Kind;

/**
 * Turns the actor a call names into what runs it: its system, its definition (its template's, for an unnamed
 * instance, spawned on demand through {@code register_ref}) and its full id.
 */
final class ActorResolver {

	private final Registrations registrations;

	private final ActorStateStore store;

	ActorResolver(Registrations registrations, ActorStateStore store) {
		this.registrations = registrations;
		this.store = store;
	}

	/**
	 * @throws SpawnException when the actor cannot be called
	 */
	Resolved resolve(ActorId target, InvocationRequest request) {
		ActorSystemRegistry registry = this.registrations.system(target.getSystem());
		if (registry == null) {
			throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND, "no actor system '" + target.getSystem()
					+ "' here: no host registered it, and it is not among the other systems this runtime calls"
					+ " (cluster.systems.<name>.peers in the configuration)");
		}
		ActorDefinition definition = registry.definition(target.getName());
		String wanted = request.getRegisterRef();
		if (definition != null && !wanted.isEmpty() && !wanted.equals(target.getName())) {
			// An instance id chosen by a caller must never reach another actor that happens to carry that name.
			throw new SpawnException(InvocationStatus.INVALID_REQUEST, "instance id '" + target.getName()
					+ "' of template '" + wanted + "' is the name of a registered actor; choose another id");
		}
		if (definition != null) {
			if (definition.kind == Kind.UNNAMED) {
				throw new SpawnException(InvocationStatus.ACTOR_NOT_FOUND, "'" + target.getName()
						+ "' is an UNNAMED template; spawn an instance of it or call one with register_ref");
			}
			checkKind(definition);
			return new Resolved(registry, definition, target);
		}
		ActorSystemRegistry.Instance instance = registry.instance(target.getName());
		if (instance != null && !wanted.isEmpty() && !wanted.equals(instance.parent())) {
			throw new SpawnException(InvocationStatus.INVALID_REQUEST, "instance '" + target.getName()
					+ "' belongs to template '" + instance.parent() + "', not '" + wanted + "'");
		}
		String parent = (instance != null) ? instance.parent()
				: !request.getRegisterRef().isEmpty() ? request.getRegisterRef()
						: request.getActor().getId().getParent();
		if (parent.isEmpty()) {
			parent = storedParent(target);
		}
		if (parent.isEmpty()) {
			throw notFound(target);
		}
		ActorDefinition template = Registrations.template(registry, parent);
		if (instance == null) {
			this.registrations.addInstance(registry, target.getName(), parent, null);
		}
		return new Resolved(registry, template, target.toBuilder().setParent(parent).build());
	}

	/**
	 * The template of an instance spawned before a restart (or on another member), from its stored snapshot:
	 * instances live in memory, their state (with its parent) in the store.
	 */
	private String storedParent(ActorId target) {
		try {
			return this.store.load(ActorKey.of(target))
				.map((stored) -> (stored.parent() != null) ? stored.parent() : "")
				.orElse("");
		}
		catch (StateStoreException ex) {
			throw new SpawnException(InvocationStatus.UNAVAILABLE, "state store unavailable: " + ex.getMessage(), ex);
		}
	}

	private static void checkKind(ActorDefinition definition) {
		if (definition.kind == Kind.TASK || definition.kind == Kind.PROJECTION || definition.kind == Kind.PROXY) {
			throw new SpawnException(InvocationStatus.NOT_IMPLEMENTED, "actor '" + definition.name + "' is of kind "
					+ definition.kind + ", which this runtime accepts at registration but cannot run yet");
		}
	}

	static SpawnException notFound(ActorId target) {
		return new SpawnException(InvocationStatus.ACTOR_NOT_FOUND,
				"no actor '" + target.getName() + "' in system '" + target.getSystem() + "'");
	}

	/** A call's actor, resolved. */
	record Resolved(ActorSystemRegistry registry, ActorDefinition definition, ActorId id) {

		ActorKey key() {
			return ActorKey.of(this.id);
		}

	}

}
