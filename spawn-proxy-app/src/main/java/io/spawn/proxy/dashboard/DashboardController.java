package io.spawn.proxy.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the dashboard's three files from the proxy's jar: {@code /spawn/dashboard} (the page, told where
 * actuator is), {@code /spawn/dashboard/dashboard.js} and {@code /spawn/dashboard/dashboard.css}. Nothing is
 * loaded from anywhere else, so the page works without internet access. Served with
 * {@code spawn.proxy.dashboard.enabled=true}. The page holds no data: it reads the operations endpoints, which keep
 * their own exposure and access rules.
 */
@RestController
@ConditionalOnBooleanProperty(name = "spawn.proxy.dashboard.enabled")
final class DashboardController {

	/** Where the page's files are, below the classpath root. */
	static final String RESOURCES = "io/spawn/proxy/dashboard/";

	private final byte[] page;

	private final byte[] script;

	private final byte[] style;

	DashboardController(Environment environment) {
		String actuatorBasePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String base = actuatorBasePath.endsWith("/")
				? actuatorBasePath.substring(0, actuatorBasePath.length() - 1) : actuatorBasePath;
		this.page = new String(read("dashboard.html"), StandardCharsets.UTF_8)
			.replace("{{actuator}}", base.replace("\"", "&quot;").replace("<", "&lt;"))
			.getBytes(StandardCharsets.UTF_8);
		this.script = read("dashboard.js");
		this.style = read("dashboard.css");
	}

	@GetMapping({ "/spawn/dashboard", "/spawn/dashboard/" })
	ResponseEntity<byte[]> page() {
		return file(this.page, MediaType.TEXT_HTML);
	}

	@GetMapping("/spawn/dashboard/dashboard.js")
	ResponseEntity<byte[]> script() {
		return file(this.script, MediaType.parseMediaType("text/javascript;charset=UTF-8"));
	}

	@GetMapping("/spawn/dashboard/dashboard.css")
	ResponseEntity<byte[]> style() {
		return file(this.style, MediaType.parseMediaType("text/css;charset=UTF-8"));
	}

	private static ResponseEntity<byte[]> file(byte[] body, MediaType type) {
		return ResponseEntity.ok()
			.contentType(type)
			.cacheControl(CacheControl.noCache())
			// The page runs its own script and styles only and is never framed.
			.header("Content-Security-Policy",
					"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
							+ "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
			.header("X-Content-Type-Options", "nosniff")
			.body(body);
	}

	private static byte[] read(String name) {
		try (InputStream in = DashboardController.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
			if (in == null) {
				throw new IllegalStateException("the proxy's jar lacks the dashboard file " + RESOURCES + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
