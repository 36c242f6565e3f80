package io.spawn.proxy.http;

import io.spawn.internal.runtime.InvocationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers failures that Spring MVC raises before a protocol route runs (no such route, wrong method) with a
 * protobuf body like every other protocol answer, for paths under {@code /api/}. Failures on other paths
 * (actuator) keep Spring Boot's usual handling.
 */
@RestControllerAdvice
final class ProtocolErrorAdvice {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(ProtocolErrorAdvice.class));

	@ExceptionHandler(Exception.class)
	void handle(Exception ex, HttpServletRequest request, HttpServletResponse response) throws Exception {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/api/")) {
			throw ex;
		}
		int status = (ex instanceof ErrorResponse error) ? error.getStatusCode().value() : 500;
		String message;
		if (ex instanceof NoHandlerFoundException || ex instanceof NoResourceFoundException) {
			message = "no protocol route " + request.getMethod() + " " + path;
		}
		else if (ex instanceof HttpRequestMethodNotSupportedException unsupported) {
			String[] supported = unsupported.getSupportedMethods();
			message = "method " + request.getMethod() + " is not supported on " + path
					+ ((supported != null) ? "; use " + String.join(" or ", supported) : "");
		}
		else if (status >= 500) {
			logger.error(ex, () -> "Unexpected failure on " + request.getMethod() + " " + path);
			message = "internal error in the proxy: " + ex;
		}
		else {
			message = String.valueOf(ex.getMessage());
		}
		InvocationStatus outcome = (status < 500) ? InvocationStatus.INVALID_REQUEST : null;
		ProtocolResponses.write(response, status, outcome,
				ProtocolResponses.invocationError(InvocationStatus.INVALID_REQUEST, message), false);
	}

}
