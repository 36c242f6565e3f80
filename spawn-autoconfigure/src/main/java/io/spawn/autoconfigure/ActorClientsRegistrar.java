package io.spawn.autoconfigure;

import io.spawn.client.ActorClient;
import io.spawn.internal.model.ActorClientFactory;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers a bean for every {@link ActorClient} interface in the application's packages (those of
 * {@code @SpringBootApplication}), implemented by {@link ActorClientFactory}.
 */
final class ActorClientsRegistrar implements BeanDefinitionRegistryPostProcessor {

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!(registry instanceof BeanFactory beanFactory) || !AutoConfigurationPackages.has(beanFactory)) {
			return;
		}
		List<String> packages = AutoConfigurationPackages.get(beanFactory);
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isInterface() && definition.getMetadata().isIndependent();
			}
		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(ActorClient.class));
		for (String base : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(base)) {
				Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
				register(registry, beanFactory, type);
			}
		}
	}

	private static <T> void register(BeanDefinitionRegistry registry, BeanFactory beanFactory, Class<T> type) {
		String name = "spawnActorClient." + type.getName();
		if (registry.containsBeanDefinition(name)) {
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition(type);
		definition.setInstanceSupplier(() -> beanFactory.getBean(ActorClientFactory.class).create(type));
		registry.registerBeanDefinition(name, definition);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

}
