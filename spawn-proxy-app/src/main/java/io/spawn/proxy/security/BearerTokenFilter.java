package io.spawn.proxy.security;

import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.auth.BearerToken;
import io.spawn.proxy.http.HttpStatuses;
import io.spawn.proxy.http.RefusalBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code Authorization: Bearer <token>} on every request of the proxy's web port: the Spawn v1 routes and
 * the contracts' HTTP/JSON routes, whatever paths their rules give them, and actuator, except the paths probes and
 * scrapers call without credentials ({@link #PUBLIC_ACTUATOR_PATHS}: health, its liveness and readiness groups,
 * Prometheus) and the dashboard's static files ({@link #PUBLIC_PATHS}). On those the token is optional: with it, the request carries a principal, so that health details
 * ({@code show-details: when-authorized}) are shown to it and to nobody else.
 *
 * <p>
 * A refused request gets 401 before any route runs: nothing is decoded, registered or invoked. The answer is shaped
 * like the route's own failures: a protobuf {@code InvocationResponse} under {@code /api/} (its {@code status} is
 * field 1 of every protocol response, so registration and spawn clients read it too), a {@code google.rpc.Status}
 * JSON body elsewhere; both name {@code UNAUTHENTICATED} in the {@value HttpStatuses#STATUS_HEADER} header.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	/** Actuator paths (below its base path) open without credentials, as Kubernetes probes and Prometheus need. */
	static final Set<String> PUBLIC_ACTUATOR_PATHS = Set.of("/health", "/health/liveness", "/health/readiness",
			"/prometheus");

	/**
	 * The dashboard's files (io.spawn.proxy.dashboard), open without credentials: they hold no data, and a browser
	 * opening a page cannot send the token. The page sends it on its reads of actuator, which still need it.
	 */
	static final Set<String> PUBLIC_PATHS = Set.of("/spawn/dashboard", "/spawn/dashboard/",
			"/spawn/dashboard/dashboard.js", "/spawn/dashboard/dashboard.css");

	/** The principal of a request that carried the token. */
	private static final Principal TOKEN_HOLDER = () -> "spawn-token";

	private final BearerToken token;

	private final RejectedRequests rejected;

	private final String actuatorPath;

	BearerTokenFilter(BearerToken token, RejectedRequests rejected, String actuatorBasePath) {
		this.token = token;
		this.rejected = rejected;
		this.actuatorPath = actuatorBasePath.endsWith("/")
				? actuatorBasePath.substring(0, actuatorBasePath.length() - 1) : actuatorBasePath;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = path(request);
		BearerToken.Verdict verdict = this.token.check(request.getHeader("Authorization"));
		boolean actuator = path.equals(this.actuatorPath) || path.startsWith(this.actuatorPath + "/");
		if (verdict == BearerToken.Verdict.ACCEPTED) {
			chain.doFilter(actuator ? new TokenHolderRequest(request) : request, response);
			return;
		}
		if ((actuator && PUBLIC_ACTUATOR_PATHS.contains(path.substring(this.actuatorPath.length())))
				|| (!actuator && PUBLIC_PATHS.contains(path))) {
			chain.doFilter(request, response);
			return;
		}
		RejectedRequests.Reason reason = (verdict == BearerToken.Verdict.MISSING) ? RejectedRequests.Reason.MISSING
				: RejectedRequests.Reason.INVALID;
		this.rejected.rejected("http", reason, request.getRemoteAddr(), request.getMethod() + " " + path);
		String message = (reason == RejectedRequests.Reason.MISSING)
				? "this proxy requires Authorization: Bearer <token> (spawn.proxy.security.token)"
				: "the bearer token is not the one this proxy accepts";
		refuse(response, path, message);
	}

	private static void refuse(HttpServletResponse response, String path, String message) throws IOException {
		// google.rpc code 16 is UNAUTHENTICATED.
		RefusalBodies.Body body = RefusalBodies.of(path, InvocationStatus.UNAUTHENTICATED, 16, message);
		response.setContentType(body.contentType());
		response.setStatus(HttpStatuses.code(InvocationStatus.UNAUTHENTICATED));
		response.setHeader(HttpStatuses.STATUS_HEADER, InvocationStatus.UNAUTHENTICATED.name());
		response.setHeader("WWW-Authenticate", "Bearer realm=\"spawn-proxy\"");
		response.setContentLength(body.bytes().length);
		response.getOutputStream().write(body.bytes());
	}

	/**
	 * The decoded, normalized path the dispatcher routes by, never the raw URI: {@code /actuator/../api/v1/system}
	 * must not pass as an actuator path.
	 */
	private static String path(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		return request.getServletPath() + ((pathInfo != null) ? pathInfo : "");
	}

	/** A request authenticated by the token: actuator's {@code when-authorized} sees its principal. */
	private static final class TokenHolderRequest extends HttpServletRequestWrapper {

		TokenHolderRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Principal getUserPrincipal() {
			return TOKEN_HOLDER;
		}

		@Override
		public String getAuthType() {
			return "Bearer";
		}

	}

}
