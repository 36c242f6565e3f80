package io.spawn.internal.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * What one actor system has registered (its definitions, replaced whole at each registration) and which
 * instances of its UNNAMED templates exist.
 */
final class ActorSystemRegistry {

	final String name;

	private volatile Map<String, ActorDefinition> definitions = Map.of();

	/** Unnamed instances by name. */
	private final ConcurrentMap<String, Instance> instances = new ConcurrentHashMap<>();

	ActorSystemRegistry(String name) {
		this.name = name;
	}

	Map<String, ActorDefinition> definitions() {
		return this.definitions;
	}

	void replaceDefinitions(Map<String, ActorDefinition> definitions) {
		this.definitions = Map.copyOf(definitions);
	}

	@Nullable ActorDefinition definition(String name) {
		return this.definitions.get(name);
	}

	@Nullable Instance instance(String name) {
		return this.instances.get(name);
	}

	/**
	 * Records an unnamed instance; an existing instance keeps its template.
	 * @return the instance now recorded
	 */
	Instance addInstance(String name, String parent, @Nullable Long restoreRevision) {
		return this.instances.compute(name, (key, existing) -> {
			if (existing != null && existing.parent.equals(parent)) {
				return (restoreRevision != null) ? new Instance(parent, restoreRevision) : existing;
			}
			return new Instance(parent, restoreRevision);
		});
	}

	/**
	 * Takes the revision to restore at this activation, so that later activations load the latest again.
	 * @return the revision, or null
	 */
	@Nullable Long takeRestoreRevision(String name) {
		Instance instance = this.instances.get(name);
		if (instance == null || instance.restoreRevision == null) {
			return null;
		}
		this.instances.replace(name, instance, new Instance(instance.parent, null));
		return instance.restoreRevision;
	}

	/**
	 * An instance of an UNNAMED template.
	 * @param parent the template's name
	 * @param restoreRevision the revision to load at the next activation ({@code spawn?revision=N}), or null
	 */
	record Instance(String parent, @Nullable Long restoreRevision) {
	}

}
