package io.spawn.autoconfigure;

import io.spawn.internal.model.ActorModel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code spawn} actuator endpoint: the application's actors with their kind, actions, timers and channels.
 */
@Endpoint(id = "spawn")
public class SpawnActorsEndpoint {

	private final SpawnActors actors;

	private final SpawnProperties properties;

	SpawnActorsEndpoint(SpawnActors actors, SpawnProperties properties) {
		this.actors = actors;
		this.properties = properties;
	}

	@ReadOperation
	public Description actors() {
		Map<String, ActorDescription> described = new TreeMap<>();
		for (ActorModel model : this.actors.models().all()) {
			described.put(model.name(), new ActorDescription(model.kind().name(), model.stateful(),
					(model.stateType() != null) ? model.stateType().getName() : null, model.beanType().getName(),
					List.copyOf(model.actions().keySet()),
					model.timers().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
							(e) -> e.getValue().toString())),
					model.subscriptions(), model.writeThrough()));
		}
		return new Description(this.properties.getMode().name().toLowerCase(java.util.Locale.ROOT),
				this.properties.getSystem(), described);
	}

	/**
	 * The endpoint's answer.
	 * @param mode embedded or sidecar
	 * @param system the actor system
	 * @param actors the actors by name
	 */
	public record Description(String mode, String system, Map<String, ActorDescription> actors) {
	}

	/**
	 * One actor.
	 * @param kind NAMED, UNNAMED or POOLED
	 * @param stateful whether its state is persisted
	 * @param stateType the state's class
	 * @param beanType the bean's class
	 * @param actions action names
	 * @param timers timer actions and their periods
	 * @param channels subscribed channels and their actions
	 * @param writeThrough whether changes are committed before replying
	 */
	public record ActorDescription(String kind, boolean stateful, @Nullable String stateType, String beanType,
			List<String> actions, Map<String, String> timers, Map<String, String> channels, boolean writeThrough) {
	}

}
