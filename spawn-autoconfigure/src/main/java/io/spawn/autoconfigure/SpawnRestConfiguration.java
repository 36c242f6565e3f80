package io.spawn.autoconfigure;

import io.spawn.internal.model.ActorDefinitionException;
import io.spawn.internal.model.ActorInvoker;
import io.spawn.internal.rest.ActorRestRoutes;
import io.spawn.internal.rest.RestRoute;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * REST routes to actions ({@code spawn.rest.routes} and {@code @Rest}) as Spring MVC functional endpoints of the
 * application, so they pass through its filters and security. A route to a missing actor or action fails startup.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
@ConditionalOnBooleanProperty(name = "spawn.rest.enabled", matchIfMissing = true)
class SpawnRestConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActorRestRoutes spawnRestRoutes(SpawnActors actors, SpawnProperties properties, ActorInvoker invoker,
			ObjectProvider<ObjectMapper> objectMapper) {
		List<RestRoute> routes = new ArrayList<>();
		List<SpawnRestProperties.Route> configured = properties.getRest().getRoutes();
		for (int i = 0; i < configured.size(); i++) {
			SpawnRestProperties.Route route = configured.get(i);
			String origin = "spawn.rest.routes[" + i + "]";
			if (route.getPath() == null || route.getActor() == null || route.getAction() == null) {
				throw new ActorDefinitionException(origin + " needs a path, an actor and an action");
			}
			routes.add(new RestRoute(route.getMethod(), route.getPath(), route.getActor(), route.getAction(),
					route.getIdVariable(), origin));
		}
		return new ActorRestRoutes(actors::models, routes, invoker,
				objectMapper.getIfAvailable(() -> JsonMapper.builder().build()), properties.getSystem(),
				properties.getRest().getMaxRequestSize().toBytes());
	}

	@Bean
	SmartInitializingSingleton spawnRestRoutesValidator(ActorRestRoutes routes) {
		return routes::bound;
	}

}
