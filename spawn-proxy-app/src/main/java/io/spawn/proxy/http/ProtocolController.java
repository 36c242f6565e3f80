package io.spawn.proxy.http;

import com.google.protobuf.Message;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.InvocationResult;
import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.internal.runtime.SpawnException;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.SpawnResponse;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.proxy.config.SpawnProxyProperties;
import io.spawn.proxy.lifecycle.RegisteredSystems;
import io.spawn.proxy.metrics.ActorCatalog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.log.LogAccessor;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Spawn v1 protocol routes: register, spawn, invoke, and read state. Bodies are raw protobuf in and out; the
 * HTTP code follows the outcome's {@link InvocationStatus}. Every answer of these routes, failures included, is a
 * protobuf message with a {@code RequestStatus} (whose status is the outcome's protocol status, so an unknown template
 * is ACTOR_NOT_FOUND), and names the outcome in the {@link HttpStatuses#STATUS_HEADER} header: nothing a caller
 * sends produces an error page.
 */
@RestController
final class ProtocolController {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(ProtocolController.class));

	private final ActorRuntime runtime;

	private final ActorCatalog catalog;

	private final RegisteredSystems registeredSystems;

	private final ProtocolBodyReader bodies;

	private final String defaultSystem;

	private final List<RegistrationCustomizer> registrationCustomizers;

	ProtocolController(ActorRuntime runtime, ActorCatalog catalog, RegisteredSystems registeredSystems,
			SpawnProxyProperties properties, ObjectProvider<RegistrationCustomizer> registrationCustomizers) {
		this.registrationCustomizers = registrationCustomizers.orderedStream().toList();
		this.runtime = runtime;
		this.catalog = catalog;
		this.registeredSystems = registeredSystems;
		this.bodies = new ProtocolBodyReader(properties.getHttp().getMaxRequestSize().toBytes());
		this.defaultSystem = properties.getActorSystem();
	}

	@PostMapping("/api/v1/system")
	void register(HttpServletRequest request, HttpServletResponse response) {
		respond(response, ProtocolResponses::registrationError, () -> {
			RegistrationRequest registration = this.bodies.read(request, RegistrationRequest.parser(),
					"spawn.RegistrationRequest");
			if (registration.getActorSystem().getName().isEmpty()) {
				registration = registration.toBuilder()
					.setActorSystem(registration.getActorSystem().toBuilder().setName(this.defaultSystem))
					.build();
			}
			if (!this.registrationCustomizers.isEmpty()) {
				RegistrationRequest.Builder customized = registration.toBuilder();
				this.registrationCustomizers.forEach((customizer) -> customizer.customize(customized));
				registration = customized.build();
			}
			RegistrationResponse answer = this.runtime.register(registration);
			this.catalog.registered(registration.getActorSystem().getName(), registration);
			this.registeredSystems.registered(registration.getActorSystem().getName());
			return new Answer(InvocationStatus.OK, answer);
		});
	}

	@PostMapping("/api/v1/system/{system}/actors/spawn")
	void spawn(@PathVariable("system") String system,
			@RequestParam(name = "revision", required = false) @Nullable String revision, HttpServletRequest request,
			HttpServletResponse response) {
		respond(response, ProtocolResponses::spawnError, () -> {
			SpawnRequest spawn = this.bodies.read(request, SpawnRequest.parser(), "spawn.SpawnRequest");
			SpawnResponse answer = this.runtime.spawn(system, spawn, parseRevision(revision));
			this.catalog.spawned(system, spawn);
			return new Answer(InvocationStatus.OK, answer);
		});
	}

	@PostMapping("/api/v1/system/{system}/actors/{actor}/invoke")
	void invoke(@PathVariable("system") String system, @PathVariable("actor") String actor, HttpServletRequest request,
			HttpServletResponse response) {
		try {
			// The header's ids first, so that even a refused body is logged with them; the call's own
			// traceparent (the body is authoritative) replaces them once decoded.
			TraceContext.enter(request.getHeader(TraceContext.TRACEPARENT));
			respond(response, ProtocolResponses::invocationError, () -> {
				InvocationRequest body = this.bodies.read(request, InvocationRequest.parser(),
						"spawn.InvocationRequest");
				InvocationRequest call = withPathDefaults(body, system, actor);
				call = TraceContext.propagate(call, request.getHeader(TraceContext.TRACEPARENT));
				TraceContext.enter(call.getMetadataOrDefault(TraceContext.TRACEPARENT, null));
				recordInstance(call);
				InvocationResult result = this.runtime.invoke(call);
				InvocationRequest invoked = call;
				logger.debug(() -> "Invoked " + invoked.getActionName() + " of " + invoked.getActor().getId().getName()
						+ ": " + result.status());
				return new Answer(result.status(), result.response());
			});
		}
		finally {
			TraceContext.clear();
		}
	}

	/** Tells the catalog which template a call's instance belongs to, for its metric tags. */
	private void recordInstance(InvocationRequest call) {
		String template = !call.getRegisterRef().isEmpty() ? call.getRegisterRef()
				: call.getActor().getId().getParent();
		if (!template.isEmpty()) {
			io.spawn.internal.state.ActorKey target = io.spawn.internal.state.ActorKey.target(call);
			this.catalog.referenced(target.system(), target.name(), template);
		}
	}

	@GetMapping("/api/v1/system/{system}/actors/{actor}")
	void readState(@PathVariable("system") String system, @PathVariable("actor") String actor,
			HttpServletResponse response) {
		respond(response, ProtocolResponses::invocationError, () -> {
			InvocationResult result = this.runtime.readState(system, actor).join();
			return new Answer(result.status(), result.response());
		});
	}

	/**
	 * Deletes an actor's stored state (an extension beyond Spawn v1): its snapshot and history go, and its next
	 * call starts from the initial state. Answers like a call, with an InvocationResponse.
	 */
	@DeleteMapping("/api/v1/system/{system}/actors/{actor}/state")
	void deleteState(@PathVariable("system") String system, @PathVariable("actor") String actor,
			HttpServletResponse response) {
		respond(response, ProtocolResponses::invocationError, () -> {
			InvocationResult result = this.runtime.deleteState(system, actor).join();
			logger.debug(() -> "Deleted the state of " + actor + " in " + system + ": " + result.status());
			return new Answer(result.status(), result.response());
		});
	}

	/** The body is authoritative; the path only fills what the body leaves out. */
	static InvocationRequest withPathDefaults(InvocationRequest call, String system, String actor) {
		boolean noSystem = call.getSystem().getName().isEmpty() && call.getActor().getId().getSystem().isEmpty();
		boolean noActor = call.getActor().getId().getName().isEmpty();
		if (!noSystem && !noActor) {
			return call;
		}
		InvocationRequest.Builder builder = call.toBuilder();
		if (noSystem) {
			builder.setSystem(ActorSystem.newBuilder(call.getSystem()).setName(system));
		}
		if (noActor) {
			Actor.Builder target = builder.getActorBuilder();
			target.setId(ActorId.newBuilder(target.getId()).setName(actor));
		}
		return builder.build();
	}

	static @Nullable Long parseRevision(@Nullable String revision) {
		if (revision == null || revision.isEmpty()) {
			return null;
		}
		try {
			long value = Long.parseLong(revision);
			if (value > 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new ProtocolRequestException(400,
				"query parameter 'revision' must be a positive whole number, was '" + revision + "'");
	}

	private void respond(HttpServletResponse response, ProtocolResponses.ErrorBody errorBody, Route route) {
		Answer answer;
		boolean flush = false;
		try {
			answer = route.handle();
		}
		catch (ProtocolRequestException ex) {
			answer = new Answer(ex.httpStatus(), ex.status(), errorBody.create(ex.status(), ex.getMessage()));
			if (ex.httpStatus() == 413) {
				// Answer at once and drop the connection: the rest of the body is never read.
				response.setHeader("Connection", "close");
				flush = true;
			}
		}
		catch (SpawnException ex) {
			answer = new Answer(ex.status(), errorBody.create(ex.status(), ex.getMessage()));
		}
		catch (RuntimeException ex) {
			logger.error(ex, "Unexpected failure on a protocol route");
			answer = new Answer(500, null,
					errorBody.create(InvocationStatus.ACTION_FAILED, "internal error in the proxy: " + ex));
		}
		ProtocolResponses.write(response, answer.httpStatus(), answer.status(), answer.body(), flush);
	}

	/** One route's work, returning its answer or throwing a typed failure. */
	@FunctionalInterface
	private interface Route {

		Answer handle();

	}

	/** An answer: its HTTP code, the outcome named in the status header (none for the proxy's own failures). */
	private record Answer(int httpStatus, @Nullable InvocationStatus status, Message body) {

		Answer(InvocationStatus status, Message body) {
			this(HttpStatuses.code(status), status, body);
		}

	}

}
