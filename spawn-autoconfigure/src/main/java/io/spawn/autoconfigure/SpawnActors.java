package io.spawn.autoconfigure;

import io.spawn.actor.Actor;
import io.spawn.internal.model.ActorModels;
import io.spawn.internal.model.PayloadCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The application's actors, read from its {@code @Actor} beans once every singleton exists (so that actors may
 * hold references to each other) and before the context reports itself started, so that a faulty actor class
 * fails the startup.
 */
public final class SpawnActors implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final SpawnProperties properties;

	private final PayloadCodec codec;

	private volatile @Nullable ActorModels models;

	SpawnActors(ListableBeanFactory beanFactory, SpawnProperties properties, PayloadCodec codec) {
		this.beanFactory = beanFactory;
		this.properties = properties;
		this.codec = codec;
	}

	@Override
	public void afterSingletonsInstantiated() {
		models();
	}

	/**
	 * The actor models, read on first use.
	 * @return the models
	 */
	public ActorModels models() {
		ActorModels current = this.models;
		if (current == null) {
			synchronized (this) {
				current = this.models;
				if (current == null) {
					current = read();
					this.models = current;
				}
			}
		}
		return current;
	}

	private ActorModels read() {
		List<ActorModels.ActorBean> beans = new ArrayList<>();
		for (String name : this.beanFactory.getBeanNamesForAnnotation(Actor.class)) {
			Class<?> type = this.beanFactory.getType(name);
			if (type == null) {
				continue;
			}
			beans.add(new ActorModels.ActorBean(name, type, () -> this.beanFactory.getBean(name)));
		}
		Map<String, ActorModels.ActorOverrides> overrides = new LinkedHashMap<>();
		this.properties.getActors().forEach((name, actor) -> overrides.put(name, new ActorModels.ActorOverrides(
				actor.getStateful(), actor.getIdleTimeout(), actor.getSnapshotInterval(), actor.getWriteThrough(),
				actor.getMinPoolSize(), actor.getMaxPoolSize(), Map.copyOf(actor.getTags()))));
		return ActorModels.of(beans, overrides, this.codec);
	}

}
