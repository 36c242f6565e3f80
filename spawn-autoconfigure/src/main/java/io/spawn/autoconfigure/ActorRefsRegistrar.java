package io.spawn.autoconfigure;

import io.spawn.actor.Actor;
import io.spawn.client.ActorRefs;
import io.spawn.client.SpawnClient;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Registers one {@code ActorRefs<X>} bean per {@code @Actor} class X, so that callers inject
 * {@code ActorRefs<CounterActor>} and call it with method references.
 */
final class ActorRefsRegistrar implements BeanDefinitionRegistryPostProcessor {

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		BeanFactory beanFactory = (registry instanceof BeanFactory factory) ? factory : null;
		for (String name : registry.getBeanDefinitionNames()) {
			BeanDefinition definition = registry.getBeanDefinition(name);
			Class<?> type = actorType(definition, beanFactory);
			if (type == null) {
				continue;
			}
			RootBeanDefinition refs = new RootBeanDefinition(ActorRefs.class);
			refs.setTargetType(ResolvableType.forClassWithGenerics(ActorRefs.class, type));
			refs.setLazyInit(true);
			refs.setInstanceSupplier(() -> {
				if (beanFactory == null) {
					throw new IllegalStateException("no bean factory to resolve ActorRefs<" + type.getSimpleName() + ">");
				}
				return beanFactory.getBean(SpawnClient.class).refs(type);
			});
			registry.registerBeanDefinition("spawnActorRefs." + name, refs);
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

	private static Class<?> actorType(BeanDefinition definition, BeanFactory beanFactory) {
		Class<?> type = definition.getResolvableType().resolve();
		if (type == null && definition.getBeanClassName() != null) {
			try {
				type = ClassUtils.forName(definition.getBeanClassName(), ActorRefsRegistrar.class.getClassLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return null;
			}
		}
		if (type == null) {
			return null;
		}
		type = ClassUtils.getUserClass(type);
		return AnnotatedElementUtils.hasAnnotation(type, Actor.class) ? type : null;
	}

}
