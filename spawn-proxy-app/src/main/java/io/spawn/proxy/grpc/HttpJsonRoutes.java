package io.spawn.proxy.grpc;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.proxy.http.HttpStatuses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * HTTP/JSON transcoding of actor contracts: each {@code google.api.http} rule of a contract method becomes a
 * Spring MVC functional route on the protocol port. The input message is built from the JSON body ({@code body:
 * "*"} or one field's body), then the path variables, then, for the fields neither binds, the query parameters;
 * the reply is the output message as proto3 JSON. A failure answers the HTTP code of the outcome with a JSON body
 * shaped as {@code google.rpc.Status} ({@code code} is the gRPC code, {@code message} the runtime's).
 */
final class HttpJsonRoutes {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(HttpJsonRoutes.class));

	/** {@code {field}}, {@code {field=*}} or {@code {field=**}}; other sub-templates are not supported. */
	private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)(?:=([^}]*))?}");

	/** Headers of the HTTP exchange itself, not of the caller's call. */
	private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "content-type", "content-length", "connection",
			"accept", "accept-encoding", "user-agent", "transfer-encoding", "keep-alive", "upgrade", "expect",
			"http2-settings", "te");

	private final ContractInvoker invoker;

	private final JsonFormat.Parser parser;

	private final JsonFormat.Parser lenientParser;

	private final JsonFormat.Printer printer;

	private final long maxBodySize;

	HttpJsonRoutes(ContractInvoker invoker, List<FileDescriptor> files, long maxBodySize) {
		JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder();
		for (FileDescriptor file : files) {
			file.getMessageTypes().forEach(types::add);
		}
		JsonFormat.TypeRegistry registry = types.build();
		this.invoker = invoker;
		this.parser = JsonFormat.parser().usingTypeRegistry(registry);
		this.lenientParser = this.parser.ignoringUnknownFields();
		this.printer = JsonFormat.printer().usingTypeRegistry(registry);
		this.maxBodySize = maxBodySize;
	}

	/**
	 * The routes of every HTTP rule of the contracts.
	 * @param contracts the actor contracts
	 * @return the routes; none when no method has a rule
	 */
	RouterFunction<ServerResponse> routes(List<ActorContract> contracts) {
		RouterFunctions.Builder builder = RouterFunctions.route();
		int count = 0;
		for (ActorContract contract : contracts) {
			for (MethodDescriptor method : contract.service().getMethods()) {
				if (method.isClientStreaming() || method.isServerStreaming()
						|| !method.getOptions().hasExtension(AnnotationsProto.http)) {
					continue;
				}
				HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
				List<HttpRule> rules = new ArrayList<>();
				rules.add(rule);
				rules.addAll(rule.getAdditionalBindingsList());
				for (HttpRule binding : rules) {
					Route route = route(contract, method, binding);
					if (route != null) {
						builder.route(RequestPredicates.method(route.method()).and(RequestPredicates.path(route.pattern())),
								route::handle);
						count++;
						logger.info(() -> "HTTP/JSON route " + route.method() + " " + route.pattern() + " -> "
								+ method.getFullName());
					}
				}
			}
		}
		return (count > 0) ? builder.build() : (request) -> Optional.empty();
	}

	private @Nullable Route route(ActorContract contract, MethodDescriptor method, HttpRule rule) {
		HttpMethod httpMethod;
		String template;
		switch (rule.getPatternCase()) {
			case GET -> {
				httpMethod = HttpMethod.GET;
				template = rule.getGet();
			}
			case POST -> {
				httpMethod = HttpMethod.POST;
				template = rule.getPost();
			}
			case PUT -> {
				httpMethod = HttpMethod.PUT;
				template = rule.getPut();
			}
			case DELETE -> {
				httpMethod = HttpMethod.DELETE;
				template = rule.getDelete();
			}
			case PATCH -> {
				httpMethod = HttpMethod.PATCH;
				template = rule.getPatch();
			}
			case CUSTOM -> {
				httpMethod = HttpMethod.valueOf(rule.getCustom().getKind().toUpperCase(Locale.ROOT));
				template = rule.getCustom().getPath();
			}
			default -> {
				return null;
			}
		}
		StringBuilder pattern = new StringBuilder();
		List<String> variables = new ArrayList<>();
		Matcher matcher = VARIABLE.matcher(template);
		int last = 0;
		while (matcher.find()) {
			String sub = matcher.group(2);
			String name = "v" + variables.size();
			pattern.append(template, last, matcher.start());
			if (sub == null || sub.equals("*")) {
				pattern.append('{').append(name).append('}');
			}
			else if (sub.equals("**") && matcher.end() == template.length()) {
				pattern.append("{*").append(name).append('}');
			}
			else {
				logger.warn(() -> "HTTP rule " + template + " of " + method.getFullName()
						+ " is not served: only {field}, {field=*} and a trailing {field=**} are supported");
				return null;
			}
			variables.add(matcher.group(1));
			last = matcher.end();
		}
		pattern.append(template.substring(last));
		if (template.contains(":") && template.lastIndexOf(':') > template.lastIndexOf('}')) {
			logger.warn(() -> "HTTP rule " + template + " of " + method.getFullName()
					+ " is not served: verbs (':verb') are not supported");
			return null;
		}
		return new Route(contract, method, rule, httpMethod, pattern.toString(), variables);
	}

	private final class Route {

		private final ActorContract contract;

		private final MethodDescriptor method;

		private final HttpRule rule;

		private final HttpMethod httpMethod;

		private final String pattern;

		private final List<String> variables;

		Route(ActorContract contract, MethodDescriptor method, HttpRule rule, HttpMethod httpMethod, String pattern,
				List<String> variables) {
			this.contract = contract;
			this.method = method;
			this.rule = rule;
			this.httpMethod = httpMethod;
			this.pattern = pattern;
			this.variables = variables;
		}

		HttpMethod method() {
			return this.httpMethod;
		}

		String pattern() {
			return this.pattern;
		}

		ServerResponse handle(ServerRequest request) {
			DynamicMessage input;
			try {
				input = input(request);
			}
			catch (InvalidProtocolBufferException | IllegalArgumentException | JsonParseException ex) {
				return error(InvocationStatus.INVALID_REQUEST, "request does not match "
						+ this.method.getInputType().getFullName() + ": " + ex.getMessage());
			}
			catch (IOException ex) {
				return error(InvocationStatus.INVALID_REQUEST, "could not read the request body: " + ex.getMessage());
			}
			catch (BodyTooLargeException ex) {
				return error(InvocationStatus.PAYLOAD_TOO_LARGE, ex.getMessage());
			}
			try {
				DynamicMessage output = HttpJsonRoutes.this.invoker
					.invoke(this.contract, this.method, input, metadata(request), null)
					.join();
				return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(print(output));
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof ContractCallException call) {
					return error(call.status(), call.getMessage());
				}
				throw ex;
			}
			catch (InvalidProtocolBufferException ex) {
				return error(InvocationStatus.BAD_HOST_RESPONSE, "reply cannot be written as JSON: " + ex.getMessage());
			}
		}

		private DynamicMessage input(ServerRequest request) throws IOException {
			Descriptor type = this.method.getInputType();
			DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
			String bodyField = this.rule.getBody();
			if (!bodyField.isEmpty()) {
				String body = readBody(request);
				if (!body.isBlank()) {
					if (bodyField.equals("*")) {
						HttpJsonRoutes.this.parser.merge(body, builder);
					}
					else {
						FieldDescriptor field = type.findFieldByName(bodyField);
						if (field == null) {
							throw new IllegalArgumentException("the HTTP rule's body field '" + bodyField
									+ "' is not a field of " + type.getFullName());
						}
						// Parsed first and wrapped as a value: pasted into a string, a body such as
						// '"x", "amount": 9' would set fields the rule does not bind.
						JsonObject wrapped = new JsonObject();
						wrapped.add(field.getName(), JsonParser.parseString(body));
						HttpJsonRoutes.this.parser.merge(wrapped.toString(), builder);
					}
				}
			}
			JsonObject bound = new JsonObject();
			Map<String, String> pathVariables = request.pathVariables();
			for (int i = 0; i < this.variables.size(); i++) {
				put(bound, this.variables.get(i), new JsonPrimitive(pathVariables.get("v" + i)));
			}
			if (!bodyField.equals("*")) {
				MultiValueMap<String, String> params = request.params();
				params.forEach((name, values) -> {
					if (this.variables.contains(name) || (!bodyField.isEmpty()
							&& (name.equals(bodyField) || name.startsWith(bodyField + ".")))) {
						return;
					}
					FieldDescriptor field = leaf(type, name);
					if (field == null || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
						return;
					}
					if (field.isRepeated()) {
						JsonArray array = new JsonArray();
						values.forEach(array::add);
						put(bound, name, array);
					}
					else {
						put(bound, name, new JsonPrimitive(values.getLast()));
					}
				});
			}
			if (!bound.isEmpty()) {
				// Parsed on its own and merged, so that a path variable wins over the same field in the body.
				DynamicMessage.Builder bindings = DynamicMessage.newBuilder(type);
				HttpJsonRoutes.this.lenientParser.merge(bound.toString(), bindings);
				builder.mergeFrom(bindings.build());
			}
			return builder.build();
		}

		private String readBody(ServerRequest request) throws IOException {
			long max = HttpJsonRoutes.this.maxBodySize;
			long declared = request.headers().contentLength().orElse(-1);
			if (declared > max) {
				throw new BodyTooLargeException("body of " + declared + " bytes is over the limit of " + max);
			}
			byte[] bytes = request.servletRequest().getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE));
			if (bytes.length > max) {
				throw new BodyTooLargeException("body is over the limit of " + max + " bytes");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}

		private String print(DynamicMessage output) throws InvalidProtocolBufferException {
			String responseBody = this.rule.getResponseBody();
			if (!responseBody.isEmpty()) {
				FieldDescriptor field = output.getDescriptorForType().findFieldByName(responseBody);
				if (field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()) {
					return HttpJsonRoutes.this.printer.print((Message) output.getField(field));
				}
			}
			return HttpJsonRoutes.this.printer.print(output);
		}

	}

	/** The field a dotted path names, through singular message fields, or null. */
	private static @Nullable FieldDescriptor leaf(Descriptor type, String path) {
		Descriptor current = type;
		FieldDescriptor field = null;
		for (String part : path.split("\\.", -1)) {
			if (current == null) {
				return null;
			}
			field = current.findFieldByName(part);
			if (field == null) {
				field = jsonNamed(current, part);
			}
			if (field == null) {
				return null;
			}
			current = (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated())
					? field.getMessageType() : null;
		}
		return field;
	}

	private static @Nullable FieldDescriptor jsonNamed(Descriptor type, String name) {
		for (FieldDescriptor field : type.getFields()) {
			if (field.getJsonName().equals(name)) {
				return field;
			}
		}
		return null;
	}

	/** Puts a value at a dotted path of a JSON object, creating the objects on the way. */
	private static void put(JsonObject root, String path, JsonElement value) {
		String[] parts = path.split("\\.");
		JsonObject current = root;
		for (int i = 0; i < parts.length - 1; i++) {
			JsonElement next = current.get(parts[i]);
			JsonObject object;
			if (next instanceof JsonObject existing) {
				object = existing;
			}
			else {
				object = new JsonObject();
				current.add(parts[i], object);
			}
			current = object;
		}
		current.add(parts[parts.length - 1], value);
	}

	private static Map<String, String> metadata(ServerRequest request) {
		Map<String, String> metadata = new LinkedHashMap<>();
		request.headers().asHttpHeaders().forEach((name, values) -> {
			String key = name.toLowerCase(Locale.ROOT);
			if (!TRANSPORT_HEADERS.contains(key) && !values.isEmpty()) {
				metadata.put(key, values.getFirst());
			}
		});
		return metadata;
	}

	private static ServerResponse error(InvocationStatus status, String message) {
		JsonObject body = new JsonObject();
		body.addProperty("code", GrpcStatuses.code(status).value());
		body.addProperty("message", message);
		body.add("details", new JsonArray());
		return ServerResponse.status(HttpStatuses.code(status))
			.header(HttpStatuses.STATUS_HEADER, status.name())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body.toString());
	}

	private static final class BodyTooLargeException extends RuntimeException {

		BodyTooLargeException(String message) {
			super(message, null, false, false);
		}

	}

}
