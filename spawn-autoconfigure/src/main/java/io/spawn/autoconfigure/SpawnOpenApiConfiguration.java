package io.spawn.autoconfigure;

import io.spawn.internal.rest.ActorRestRoutes;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Adds the REST routes to actions to the application's OpenAPI 3 document when springdoc-openapi is present: one
 * operation per route, with the JSON schemas of the command and the reply (ADR 0005).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
@ConditionalOnBean(ActorRestRoutes.class)
class SpawnOpenApiConfiguration {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

	@Bean
	OpenApiCustomizer spawnRestRoutesOpenApi(ActorRestRoutes routes) {
		return (openApi) -> describe(openApi, routes);
	}

	static void describe(OpenAPI openApi, ActorRestRoutes routes) {
		if (openApi.getPaths() == null) {
			openApi.setPaths(new Paths());
		}
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		for (ActorRestRoutes.Bound route : routes.bound()) {
			String path = route.route().path();
			Set<String> variables = new LinkedHashSet<>();
			Matcher matcher = VARIABLE.matcher(path);
			while (matcher.find()) {
				variables.add(matcher.group(1));
			}
			Operation operation = new Operation()
				.operationId(route.model().name() + "_" + route.action().name() + "_" + route.method().name().toLowerCase())
				.summary("Action '" + route.action().name() + "' of actor '" + route.model().name() + "'")
				.addTagsItem(route.model().name());
			for (String variable : variables) {
				operation.addParametersItem(new PathParameter().name(variable).required(true).schema(new StringSchema()));
			}
			Schema<?> command = schema(openApi, route.action().commandType());
			if (command != null) {
				boolean body = route.method() == HttpMethod.POST || route.method() == HttpMethod.PUT
						|| route.method() == HttpMethod.PATCH;
				if (body) {
					operation.requestBody(new RequestBody().required(false).content(json(command)));
				}
				Schema<?> fields = resolved(openApi, command);
				if (fields != null && fields.getProperties() != null) {
					for (Map.Entry<String, Schema> property : fields.getProperties().entrySet()) {
						if (!variables.contains(property.getKey())) {
							Parameter query = new QueryParameter().name(property.getKey()).required(false)
								.schema(property.getValue());
							operation.addParametersItem(query);
						}
					}
				}
			}
			Schema<?> reply = schema(openApi, route.action().replyType());
			ApiResponses responses = new ApiResponses();
			responses.addApiResponse((reply != null) ? "200" : "204",
					new ApiResponse().description("the action's reply").content((reply != null) ? json(reply) : null));
			responses.addApiResponse("default", new ApiResponse().description("an RFC 9457 problem")
				.content(new Content().addMediaType("application/problem+json", new MediaType())));
			operation.responses(responses);
			PathItem item = openApi.getPaths().computeIfAbsent(path, (key) -> new PathItem());
			item.operation(PathItem.HttpMethod.valueOf(route.method().name()), operation);
		}
	}

	private static @Nullable Schema<?> schema(OpenAPI openApi, @Nullable Type type) {
		if (type == null) {
			return null;
		}
		ResolvedSchema resolved = ModelConverters.getInstance().readAllAsResolvedSchema(type);
		if (resolved == null || resolved.schema == null) {
			return null;
		}
		if (resolved.referencedSchemas != null) {
			resolved.referencedSchemas.forEach(openApi.getComponents()::addSchemas);
		}
		String name = resolved.schema.getName();
		if (name != null && openApi.getComponents().getSchemas() != null
				&& openApi.getComponents().getSchemas().containsKey(name)) {
			return new Schema<>().$ref("#/components/schemas/" + name);
		}
		return resolved.schema;
	}

	private static @Nullable Schema<?> resolved(OpenAPI openApi, Schema<?> schema) {
		if (schema.get$ref() == null) {
			return schema;
		}
		String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
		return openApi.getComponents().getSchemas().get(name);
	}

	private static Content json(Schema<?> schema) {
		return new Content().addMediaType("application/json", new MediaType().schema(schema));
	}

}
