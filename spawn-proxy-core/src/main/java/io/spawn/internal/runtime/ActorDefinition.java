package io.spawn.internal.runtime;

import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.Channel;
import io.spawn.protocol.actors.FixedTimerAction;
import io.spawn.protocol.actors.Kind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A registered actor (or UNNAMED template, or pool) with every setting resolved: defaults applied, timeouts
 * never 0, names checked. Immutable; a new registration replaces it.
 */
final class ActorDefinition {

	/** Metadata tag of an actor that persists every state change before replying. */
	static final String WRITE_THROUGH_TAG = "spawn.write-through";

	final String system;

	final String name;

	final Kind kind;

	final boolean stateful;

	final long idleTimeoutMillis;

	final long snapshotIntervalMillis;

	final int minPoolSize;

	final int maxPoolSize;

	final boolean writeThrough;

	final Set<String> actions;

	final @Nullable String initAction;

	final List<FixedTimerAction> timers;

	final List<Channel> channels;

	final Actor source;

	private ActorDefinition(String system, String name, Actor source, RuntimeSettings defaults) {
		this.system = system;
		this.name = name;
		this.source = source;
		ActorSettings settings = source.getSettings();
		this.kind = (settings.getKind() == Kind.UNKNOW_KIND) ? Kind.NAMED : settings.getKind();
		this.stateful = settings.getStateful();
		long idle = settings.getDeactivationStrategy().getTimeout().getTimeout();
		long snapshot = settings.getSnapshotStrategy().getTimeout().getTimeout();
		this.idleTimeoutMillis = (idle > 0) ? idle : defaults.defaultIdleTimeout().toMillis();
		this.snapshotIntervalMillis = (snapshot > 0) ? snapshot : defaults.defaultSnapshotInterval().toMillis();
		this.minPoolSize = Math.max(1, settings.getMinPoolSize());
		this.maxPoolSize = (settings.getMaxPoolSize() > 0) ? settings.getMaxPoolSize()
				: Math.max(this.minPoolSize, defaults.defaultMaxPoolSize());
		this.writeThrough = Boolean.parseBoolean(source.getMetadata().getTagsOrDefault(WRITE_THROUGH_TAG, "false"));
		Set<String> names = new LinkedHashSet<>();
		for (Action action : source.getActionsList()) {
			names.add(action.getName());
		}
		for (FixedTimerAction timer : source.getTimerActionsList()) {
			names.add(timer.getAction().getName());
		}
		this.actions = Set.copyOf(names);
		this.initAction = ActionNames.INIT.stream().filter(this.actions::contains).findFirst().orElse(null);
		this.timers = List.copyOf(source.getTimerActionsList());
		this.channels = List.copyOf(source.getMetadata().getChannelGroupList());
	}

	/**
	 * Resolves and checks one actor of a registration.
	 * @param system the system registered
	 * @param key the actor's key in the registry map
	 * @param actor the actor as registered
	 * @param defaults runtime defaults
	 * @return the definition
	 * @throws SpawnException with {@link InvocationStatus#INVALID_REQUEST} naming what is wrong
	 */
	static ActorDefinition of(String system, String key, Actor actor, RuntimeSettings defaults) {
		String name = actor.getId().getName().isEmpty() ? key : actor.getId().getName();
		if (name.isBlank()) {
			throw invalid("an actor of system '" + system + "' has no name");
		}
		if (!key.isEmpty() && !key.equals(name)) {
			throw invalid("actor registered under key '" + key + "' is named '" + name + "'");
		}
		ActorSettings settings = actor.getSettings();
		if (settings.getMinPoolSize() < 0 || settings.getMaxPoolSize() < 0) {
			throw invalid("actor '" + name + "' has a negative pool size");
		}
		if (settings.getMaxPoolSize() > 0 && settings.getMaxPoolSize() < settings.getMinPoolSize()) {
			throw invalid("actor '" + name + "' has max_pool_size " + settings.getMaxPoolSize()
					+ " below min_pool_size " + settings.getMinPoolSize());
		}
		if (settings.getDeactivationStrategy().getTimeout().getTimeout() < 0
				|| settings.getSnapshotStrategy().getTimeout().getTimeout() < 0) {
			throw invalid("actor '" + name + "' has a negative timeout");
		}
		for (Action action : actor.getActionsList()) {
			if (action.getName().isBlank()) {
				throw invalid("actor '" + name + "' declares an action without a name");
			}
		}
		for (FixedTimerAction timer : actor.getTimerActionsList()) {
			if (timer.getAction().getName().isBlank()) {
				throw invalid("a timer action of actor '" + name + "' has no action name");
			}
			if (timer.getSeconds() <= 0) {
				throw invalid("timer action '" + timer.getAction().getName() + "' of actor '" + name
						+ "' has interval " + timer.getSeconds() + " ms; it must be positive (milliseconds)");
			}
		}
		for (Channel channel : actor.getMetadata().getChannelGroupList()) {
			if (channel.getTopic().isBlank()) {
				throw invalid("actor '" + name + "' subscribes to a channel without a topic");
			}
		}
		return new ActorDefinition(system, name, actor, defaults);
	}

	private static SpawnException invalid(String message) {
		return new SpawnException(InvocationStatus.INVALID_REQUEST, message);
	}

	boolean declares(String action) {
		return this.actions.contains(action);
	}

	/**
	 * The action a broadcast on {@code topic} invokes, or {@code null} when not subscribed.
	 * @param topic the channel
	 * @return the action
	 */
	@Nullable String subscription(String topic) {
		for (Channel channel : this.channels) {
			if (channel.getTopic().equals(topic)) {
				return channel.getAction().isEmpty() ? ActionNames.RECEIVE : channel.getAction();
			}
		}
		return null;
	}

}
