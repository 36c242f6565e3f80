package io.spawn.proxy.operations;

import io.spawn.internal.operations.OperationsException;
import io.spawn.internal.operations.Page;
import io.spawn.internal.operations.StateView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the operations service's answers into actuator responses: a page as {@code items} and
 * {@code nextPageToken}, a state with its JSON as a JSON value, and each {@link OperationsException} as its HTTP
 * status with {@code error} and {@code message}: never a stack trace.
 */
final class OperationsResponses {

	private static final JsonMapper json = JsonMapper.builder().build();

	private OperationsResponses() {
	}

	static WebEndpointResponse<Object> answer(Supplier<Object> operation) {
		try {
			return new WebEndpointResponse<>(operation.get(), WebEndpointResponse.STATUS_OK);
		}
		catch (OperationsException ex) {
			return OperationsAccess.refusal(status(ex.reason()), ex.reason().name(), String.valueOf(ex.getMessage()));
		}
	}

	static Map<String, Object> page(Page<?> page) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", page.items());
		body.put("nextPageToken", page.nextPageToken());
		return body;
	}

	static Map<String, Object> state(StateView view) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("system", view.system());
		body.put("actor", view.actor());
		body.put("revision", view.revision());
		body.put("status", view.status().name());
		body.put("typeUrl", view.typeUrl());
		if (view.json() != null) {
			try {
				body.put("value", json.readValue(view.json(), Object.class));
			}
			catch (JacksonException ex) {
				body.put("status", StateView.Status.UNREADABLE.name());
				body.put("text", view.json());
				body.put("message", "the stored JSON does not parse: " + ex.getOriginalMessage());
				return body;
			}
		}
		if (view.base64() != null) {
			body.put("base64", view.base64());
		}
		if (view.message() != null) {
			body.put("message", view.message());
		}
		return body;
	}

	static int status(OperationsException.Reason reason) {
		return switch (reason) {
			case NOT_FOUND -> WebEndpointResponse.STATUS_NOT_FOUND;
			case INVALID -> WebEndpointResponse.STATUS_BAD_REQUEST;
			case CONFLICT -> 409;
			case UNAVAILABLE -> WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
		};
	}

}
