package io.spawn.proxy.operations;

import java.security.Principal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.ClassUtils;

/**
 * Who may use the operations endpoints (ADR 0027). With Spring Security on the classpath, its authentication
 * decides: reads need the {@value #OPERATOR} (or {@value #ADMIN}) role, writes the {@value #ADMIN} role. Without
 * it, reads are open to whoever reaches the exposed endpoint (past the bearer token filter when
 * {@code spawn.proxy.security.token} is set) and writes are refused unless
 * {@code spawn.proxy.operations.write-enabled} is true.
 */
final class OperationsAccess {

	static final String OPERATOR = "OPERATOR";

	static final String ADMIN = "ADMIN";

	private static final String SPRING_SECURITY = "org.springframework.security.core.context.SecurityContextHolder";

	private final boolean springSecurity;

	private final boolean writeEnabled;

	OperationsAccess(boolean springSecurity, boolean writeEnabled) {
		this.springSecurity = springSecurity;
		this.writeEnabled = writeEnabled;
	}

	static OperationsAccess detect(boolean writeEnabled) {
		return new OperationsAccess(ClassUtils.isPresent(SPRING_SECURITY, OperationsAccess.class.getClassLoader()),
				writeEnabled);
	}

	/**
	 * Checks a read.
	 * @return a refusal to answer, or {@code null} when the read may go on
	 */
	@Nullable WebEndpointResponse<Object> refuseRead(SecurityContext context) {
		if (!this.springSecurity) {
			return null;
		}
		if (context.getPrincipal() == null) {
			return refusal(401, "UNAUTHENTICATED",
					"the operations API needs an authenticated user with role " + OPERATOR + " or " + ADMIN);
		}
		if (!context.isUserInRole(OPERATOR) && !context.isUserInRole(ADMIN)) {
			return refusal(403, "PERMISSION_DENIED", "reading actors needs role " + OPERATOR + " or " + ADMIN
					+ "; " + principal(context) + " has neither");
		}
		return null;
	}

	/**
	 * Checks a write.
	 * @return a refusal to answer, or {@code null} when the write may go on
	 */
	@Nullable WebEndpointResponse<Object> refuseWrite(SecurityContext context) {
		if (!this.springSecurity) {
			return this.writeEnabled ? null : refusal(403, "PERMISSION_DENIED", "write operations are off: without"
					+ " Spring Security they run only with spawn.proxy.operations.write-enabled=true");
		}
		if (context.getPrincipal() == null) {
			return refusal(401, "UNAUTHENTICATED",
					"write operations need an authenticated user with role " + ADMIN);
		}
		if (!context.isUserInRole(ADMIN)) {
			return refusal(403, "PERMISSION_DENIED",
					"write operations need role " + ADMIN + "; " + principal(context) + " does not have it");
		}
		return null;
	}

	/** The name the audit log gives the caller. */
	static String principal(SecurityContext context) {
		Principal principal = context.getPrincipal();
		return (principal != null) ? principal.getName() : "anonymous";
	}

	static WebEndpointResponse<Object> refusal(int status, String error, String message) {
		return new WebEndpointResponse<>(Map.of("error", error, "message", message), status);
	}

}
