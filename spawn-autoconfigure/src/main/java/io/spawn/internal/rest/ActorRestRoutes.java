package io.spawn.internal.rest;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Rest;
import io.spawn.client.CallStatus;
import io.spawn.internal.model.ActionModel;
import io.spawn.internal.model.ActorDefinitionException;
import io.spawn.internal.model.ActorInvoker;
import io.spawn.internal.model.ActorModel;
import io.spawn.internal.model.ActorModels;
import io.spawn.internal.model.CallRequests;
import io.spawn.protocol.JSONType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST routes of an application as one Spring MVC {@link RouterFunction}, built on first use (after every
 * actor bean exists). Requests go through the application's normal filters and security like any controller.
 */
public final class ActorRestRoutes implements RouterFunction<ServerResponse> {

	private static final boolean PROTOBUF_JSON = ClassUtils.isPresent("com.google.protobuf.util.JsonFormat", null);

	private static final String JSON_TYPE_URL = "type.googleapis.com/spawn.JSONType";

	private final Supplier<ActorModels> models;

	private final List<RestRoute> configured;

	private final ActorInvoker invoker;

	private final ObjectMapper mapper;

	private final String system;

	private final long maxBodyBytes;

	private volatile @Nullable RouterFunction<ServerResponse> routes;

	private volatile List<Bound> bound = List.of();

	public ActorRestRoutes(Supplier<ActorModels> models, List<RestRoute> configured, ActorInvoker invoker,
			ObjectMapper mapper, String system) {
		this(models, configured, invoker, mapper, system, 4L * 1024 * 1024);
	}

	public ActorRestRoutes(Supplier<ActorModels> models, List<RestRoute> configured, ActorInvoker invoker,
			ObjectMapper mapper, String system, long maxBodyBytes) {
		this.maxBodyBytes = maxBodyBytes;
		this.models = models;
		this.configured = configured;
		this.invoker = invoker;
		this.mapper = mapper;
		this.system = system;
	}

	@Override
	public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		return routes().route(request);
	}

	/**
	 * Every route with the actor and action it calls, validated.
	 * @return the routes
	 */
	public List<Bound> bound() {
		routes();
		return this.bound;
	}

	private RouterFunction<ServerResponse> routes() {
		RouterFunction<ServerResponse> current = this.routes;
		if (current == null) {
			synchronized (this) {
				current = this.routes;
				if (current == null) {
					current = build();
					this.routes = current;
				}
			}
		}
		return current;
	}

	private RouterFunction<ServerResponse> build() {
		ActorModels models = this.models.get();
		List<RestRoute> all = new ArrayList<>(this.configured);
		for (ActorModel model : models.all()) {
			for (ActionModel action : model.actions().values()) {
				Method method = action.method();
				Rest rest = AnnotatedElementUtils.findMergedAnnotation(method, Rest.class);
				if (rest != null) {
					all.add(new RestRoute(rest.method(), rest.path(), model.name(), action.name(), rest.idVariable(),
							"@Rest on " + model.beanType().getSimpleName() + "." + method.getName()));
				}
			}
		}
		List<Bound> bound = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		RouterFunctions.Builder builder = RouterFunctions.route();
		for (RestRoute route : all) {
			Bound binding = bind(models, route);
			if (!seen.add(binding.method() + " " + route.path())) {
				throw new ActorDefinitionException("two REST routes are declared for " + binding.method() + " "
						+ route.path() + " (the second by " + route.origin() + ")");
			}
			bound.add(binding);
			builder.route(RequestPredicates.method(binding.method()).and(RequestPredicates.path(route.path())),
					(request) -> handle(binding, request));
		}
		this.bound = List.copyOf(bound);
		return bound.isEmpty() ? (request) -> Optional.empty() : builder.build();
	}

	private static Bound bind(ActorModels models, RestRoute route) {
		HttpMethod method;
		try {
			method = HttpMethod.valueOf(route.method().strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ActorDefinitionException(route.origin() + ": '" + route.method() + "' is not an HTTP method");
		}
		if (!route.path().startsWith("/")) {
			throw new ActorDefinitionException(route.origin() + ": path '" + route.path() + "' must start with /");
		}
		ActorModel model = models.byName(route.actor());
		if (model == null) {
			throw new ActorDefinitionException(route.origin() + ": no actor '" + route.actor() + "'; actors are "
					+ models.all().stream().map(ActorModel::name).toList());
		}
		ActionModel action = model.actions().get(route.action());
		if (action == null) {
			throw new ActorDefinitionException(route.origin() + ": actor '" + route.actor() + "' has no action '"
					+ route.action() + "'; its actions are " + model.actionNames());
		}
		if (model.kind() == ActorKind.UNNAMED && !route.path().contains("{" + route.idVariable() + "}")) {
			throw new ActorDefinitionException(route.origin() + ": actor '" + route.actor() + "' is UNNAMED, so path '"
					+ route.path() + "' needs a {" + route.idVariable() + "} variable to pick the instance");
		}
		return new Bound(route, method, model, action);
	}

	private ServerResponse handle(Bound route, ServerRequest request) throws IOException {
		String id = (route.model().kind() == ActorKind.UNNAMED)
				? request.pathVariable(route.route().idVariable()) : route.model().name();
		Any payload;
		try {
			payload = command(route, request);
		}
		catch (JacksonException | InvalidProtocolBufferException ex) {
			return problem(HttpStatus.BAD_REQUEST, "the request is not valid JSON for this action: " + ex.getMessage(),
					route, null, request);
		}
		catch (BodyTooLargeException ex) {
			return problem(HttpStatus.PAYLOAD_TOO_LARGE, ex.getMessage(), route, null, request);
		}
		CallRequests.Builder call = CallRequests.to(this.system, id, route.action().name())
			.template((route.model().kind() == ActorKind.UNNAMED) ? route.model().name() : null)
			.command(payload);
		request.headers().header(CallRequests.TRACEPARENT).stream().findFirst()
			.ifPresent((traceparent) -> call.metadata(CallRequests.TRACEPARENT, traceparent));
		ActorInvoker.Outcome outcome = this.invoker.invoke(call.build()).join();
		if (!outcome.ok()) {
			return failure(route, outcome, request);
		}
		if (!outcome.response().hasValue()) {
			return ServerResponse.noContent().build();
		}
		Any reply = outcome.response().getValue();
		if (JSON_TYPE_URL.equals(reply.getTypeUrl())) {
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
				.body(reply.unpack(JSONType.class).getContent());
		}
		Class<?> replyType = (route.action().replyType() != null)
				? org.springframework.core.ResolvableType.forType(route.action().replyType()).toClass() : null;
		if (PROTOBUF_JSON && replyType != null && Message.class.isAssignableFrom(replyType)) {
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
				.body(ProtobufJson.print(reply.unpack(replyType.asSubclass(Message.class))));
		}
		return problem(HttpStatus.NOT_ACCEPTABLE, "the reply (" + reply.getTypeUrl() + ") cannot be written as JSON",
				route, null, request);
	}

	private @Nullable Any command(Bound route, ServerRequest request) throws IOException, InvalidProtocolBufferException {
		if (route.action().commandType() == null) {
			return null;
		}
		HttpServletRequest servlet = request.servletRequest();
		long declared = servlet.getContentLengthLong();
		if (declared > this.maxBodyBytes) {
			// Refused from the header, before reading: the container discards or drops the rest.
			throw new BodyTooLargeException("request body of " + declared + " bytes exceeds the limit of "
					+ this.maxBodyBytes + " bytes (spawn.rest.max-request-size)");
		}
		byte[] body = servlet.getInputStream().readNBytes((int) Math.min(this.maxBodyBytes + 1, Integer.MAX_VALUE - 8));
		if (body.length > this.maxBodyBytes) {
			throw new BodyTooLargeException("request body exceeds the limit of " + this.maxBodyBytes
					+ " bytes (spawn.rest.max-request-size)");
		}
		JsonNode json = (body.length > 0) ? this.mapper.readTree(body) : this.mapper.createObjectNode();
		if (json instanceof ObjectNode object) {
			for (Map.Entry<String, String> variable : request.pathVariables().entrySet()) {
				if (!variable.getKey().equals(route.route().idVariable()) && !object.has(variable.getKey())) {
					object.put(variable.getKey(), variable.getValue());
				}
			}
			for (Map.Entry<String, List<String>> parameter : request.params().entrySet()) {
				if (!object.has(parameter.getKey()) && !parameter.getValue().isEmpty()) {
					object.put(parameter.getKey(), parameter.getValue().get(0));
				}
			}
		}
		Class<?> commandType = org.springframework.core.ResolvableType.forType(route.action().commandType()).toClass();
		if (Message.class.isAssignableFrom(commandType)) {
			if (!PROTOBUF_JSON) {
				throw new InvalidProtocolBufferException("protobuf commands over REST need com.google.protobuf:protobuf-java-util");
			}
			return Any.pack(ProtobufJson.parse(json.toString(), commandType.asSubclass(Message.class)));
		}
		// Read into the command's type once, so that a malformed request fails here with 400, not in the actor.
		Object command = this.mapper.readValue(json.toString(), this.mapper.constructType(route.action().commandType()));
		return Any.pack(JSONType.newBuilder().setContent(this.mapper.writeValueAsString(command)).build());
	}

	private ServerResponse failure(Bound route, ActorInvoker.Outcome outcome, ServerRequest request) {
		io.spawn.internal.model.ErrorCodes.Parsed failure = io.spawn.internal.model.ErrorCodes
			.parse(outcome.response().getStatus().getMessage());
		String code = failure.code();
		String message = failure.message();
		CallStatus failed = (outcome.failure() != null) ? outcome.failure() : CallStatus.ACTION_FAILED;
		HttpStatus status = (code != null) ? HttpStatus.UNPROCESSABLE_CONTENT : httpStatus(failed);
		return problem(status, message, route, code, request);
	}

	/**
	 * The HTTP code of a failed call on these routes; exhaustive, so a new {@link CallStatus} needs a code here.
	 * @param status why the call failed
	 * @return the HTTP code
	 */
	static HttpStatus httpStatus(CallStatus status) {
		return switch (status) {
			case ACTOR_NOT_FOUND, ACTION_NOT_FOUND -> HttpStatus.NOT_FOUND;
			case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
			case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
			case REENTRANT_CALL, STATE_CONFLICT -> HttpStatus.CONFLICT;
			case MAILBOX_FULL -> HttpStatus.TOO_MANY_REQUESTS;
			case ACTION_FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
			case NOT_IMPLEMENTED -> HttpStatus.NOT_IMPLEMENTED;
			case BAD_HOST_RESPONSE -> HttpStatus.BAD_GATEWAY;
			case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
			// The application's own credentials towards the proxy failed: not the REST caller's fault.
			case UNAUTHENTICATED -> HttpStatus.BAD_GATEWAY;
			case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
		};
	}

	private static ServerResponse problem(HttpStatus status, String detail, Bound route, @Nullable String code,
			ServerRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(request.path()));
		problem.setProperty("actor", route.model().name());
		problem.setProperty("action", route.action().name());
		if (code != null) {
			problem.setProperty("code", code);
		}
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** A body over the limit; answered 413 without reading the rest. */
	private static final class BodyTooLargeException extends RuntimeException {

		BodyTooLargeException(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * A route bound to its actor and action.
	 * @param route the route
	 * @param method its HTTP method
	 * @param model the actor
	 * @param action the action
	 */
	public record Bound(RestRoute route, HttpMethod method, ActorModel model, ActionModel action) {
	}

	/** Protobuf JSON, only touched when protobuf-java-util is present. */
	private static final class ProtobufJson {

		static String print(Message message) throws InvalidProtocolBufferException {
			return com.google.protobuf.util.JsonFormat.printer().print(message);
		}

		static Message parse(String json, Class<? extends Message> type) throws InvalidProtocolBufferException {
			try {
				Message.Builder builder = (Message.Builder) type.getMethod("newBuilder").invoke(null);
				com.google.protobuf.util.JsonFormat.parser().ignoringUnknownFields().merge(json, builder);
				return builder.build();
			}
			catch (ReflectiveOperationException ex) {
				throw new InvalidProtocolBufferException("cannot build " + type.getName() + ": " + ex.getMessage());
			}
		}

	}

}
