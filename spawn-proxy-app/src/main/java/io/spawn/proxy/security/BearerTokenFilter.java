package io.spawn.proxy.security;

import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RequestStatus;
import io.spawn.proxy.http.HttpStatuses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code Authorization: Bearer <token>} on every request of the proxy's web port except actuator's
 * (whose exposure is configured on its own): the Spawn v1 routes and the contracts' HTTP/JSON routes, whatever
 * paths their rules give them. A refused request gets 401 before any route runs: nothing is decoded, registered or
 * invoked. The answer is shaped like the route's own failures: a protobuf {@code InvocationResponse} under
 * {@code /api/} (its {@code status} is field 1 of every protocol response, so registration and spawn clients read
 * it too), a {@code google.rpc.Status} JSON body elsewhere; both name {@code UNAUTHENTICATED} in the
 * {@value HttpStatuses#STATUS_HEADER} header.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	private final BearerToken token;

	private final RejectedRequests rejected;

	private final String actuatorPath;

	BearerTokenFilter(BearerToken token, RejectedRequests rejected, String actuatorBasePath) {
		this.token = token;
		this.rejected = rejected;
		this.actuatorPath = actuatorBasePath.endsWith("/") ? actuatorBasePath : actuatorBasePath + "/";
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = path(request);
		return path.startsWith(this.actuatorPath) || (path + "/").equals(this.actuatorPath);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BearerToken.Verdict verdict = this.token.check(request.getHeader("Authorization"));
		if (verdict == BearerToken.Verdict.ACCEPTED) {
			chain.doFilter(request, response);
			return;
		}
		RejectedRequests.Reason reason = (verdict == BearerToken.Verdict.MISSING) ? RejectedRequests.Reason.MISSING
				: RejectedRequests.Reason.INVALID;
		String path = path(request);
		this.rejected.rejected("http", reason, request.getRemoteAddr(), request.getMethod() + " " + path);
		String message = (reason == RejectedRequests.Reason.MISSING)
				? "this proxy requires Authorization: Bearer <token> (spawn.proxy.security.token)"
				: "the bearer token is not the one this proxy accepts";
		refuse(response, path.startsWith("/api/"), message);
	}

	private static void refuse(HttpServletResponse response, boolean protocol, String message) throws IOException {
		byte[] body;
		if (protocol) {
			body = InvocationResponse.newBuilder()
				.setStatus(RequestStatus.newBuilder()
					.setStatus(InvocationStatus.UNAUTHENTICATED.protocolStatus())
					.setMessage(message))
				.setNoop(Noop.getDefaultInstance())
				.build()
				.toByteArray();
			response.setContentType("application/octet-stream");
		}
		else {
			// google.rpc.Status, as the HTTP/JSON routes answer their failures; code 16 is UNAUTHENTICATED.
			body = ("{\"code\":16,\"message\":\"" + message + "\",\"details\":[]}").getBytes(StandardCharsets.UTF_8);
			response.setContentType("application/json");
		}
		response.setStatus(HttpStatuses.code(InvocationStatus.UNAUTHENTICATED));
		response.setHeader(HttpStatuses.STATUS_HEADER, InvocationStatus.UNAUTHENTICATED.name());
		response.setHeader("WWW-Authenticate", "Bearer realm=\"spawn-proxy\"");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * The decoded, normalized path the dispatcher routes by, never the raw URI: {@code /actuator/../api/v1/system}
	 * must not pass as an actuator path.
	 */
	private static String path(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		return request.getServletPath() + ((pathInfo != null) ? pathInfo : "");
	}

}
