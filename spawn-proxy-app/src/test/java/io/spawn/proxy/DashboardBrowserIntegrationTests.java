package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.FixedTimerAction;
import io.spawn.protocol.actors.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser: a proxy with a registered host, an actor with state and a timer, and the
 * Playwright script {@code src/test/browser/dashboard.mjs} driving Debian's Chromium through it (open, search the
 * actor, read its state, cancel its timer). Screenshots land in {@code target/browser-screenshots/}.
 *
 * <p>
 * Needs {@code /usr/bin/chromium} and {@code npm ci} in {@code src/test/browser}; {@code .ci/run} provides both and
 * sets {@code -Dspawn.browser.required=true}, so that there the test fails, never skips, when either is missing.
 */
class DashboardBrowserIntegrationTests {

	private static final Path SCRIPT_DIR = Path.of("src/test/browser");

	private static final Path SCREENSHOTS = Path.of("target/browser-screenshots");

	private static final Path CHROMIUM = Path.of(System.getProperty("spawn.browser.chromium", "/usr/bin/chromium"));

	private static final String SYSTEM = "dash";

	private final TestHost host = new TestHost();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConfigurableApplicationContext proxy;

	@TempDir
	Path dataDir;

	@AfterEach
	void stop() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		this.host.close();
	}

	@Test
	@Tag("browser")
	void searchesAnActorReadsItsStateAndCancelsItsTimerInChromium() throws Exception {
		requireBrowser();
		OperationsHttp ops = startWithACart();
		String timer = "timer:" + SYSTEM + "/cart-42/tick";
		assertThat(timerIds(ops)).contains(timer);

		Run run = runScript("http://127.0.0.1:" + port(), SYSTEM, "cart-42", "2 apples, 1 pear", timer);

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("all steps passed");
		assertThat(timerIds(ops)).as("the click cancelled the timer in the proxy").doesNotContain(timer);
		assertThat(SCREENSHOTS.resolve("dashboard-overview.png")).isNotEmptyFile();
		assertThat(SCREENSHOTS.resolve("dashboard-actor.png")).isNotEmptyFile();
		assertThat(SCREENSHOTS.resolve("dashboard-timer-cancelled.png")).isNotEmptyFile();
	}

	@Test
	void theOverviewCountsCallsPerActorTypeAndActionWithTheirFailures() {
		OperationsHttp ops = startWithACart();

		OperationsHttp.Response overview = ops.get("/spawnoverview");

		assertThat(overview.status()).as(overview.text()).isEqualTo(200);
		JsonNode body = overview.body();
		assertThat(body.get("node").asString()).isEqualTo("member-a");
		assertThat(body.get("clustered").asBoolean()).isFalse();
		assertThat(body.get("members").get(0).get("node").asString()).isEqualTo("member-a");
		assertThat(body.get("health").asString()).isEqualTo("UP");
		assertThat(body.get("activeActors").asInt()).isEqualTo(1);
		assertThat(body.get("mailboxDepth").asInt()).isZero();
		assertThat(body.get("systems").get(0).asString()).isEqualTo(SYSTEM);
		List<String> rows = new ArrayList<>();
		body.get("invocations")
			.forEach((row) -> rows.add(row.get("system").asString() + "/" + row.get("actor").asString() + "/"
					+ row.get("action").asString() + "/" + row.get("outcome").asString() + "="
					+ row.get("count").asLong()));
		assertThat(rows).contains(SYSTEM + "/cart-42/set/OK=5", SYSTEM + "/cart-42/checkout/ACTION_FAILED=1");
	}

	@Test
	void withATokenThePageOpensWithoutItButTheOverviewNeedsIt() throws Exception {
		this.proxy = new SpringApplicationBuilder(SpawnProxyApplication.class).run("--server.port=0",
				"--spawn.proxy.host.host=127.0.0.1", "--spawn.proxy.host.port=" + this.host.port(),
				"--spawn.proxy.data-dir=" + this.dataDir, "--spawn.proxy.dashboard.enabled=true",
				"--spawn.proxy.security.token=dashboard-secret",
				"--management.endpoints.web.exposure.include=health,spawnoverview");

		HttpResponse<String> page = get("/spawn/dashboard", null);
		HttpResponse<String> script = get("/spawn/dashboard/dashboard.js", null);
		HttpResponse<String> anonymous = get("/actuator/spawnoverview", null);
		HttpResponse<String> withToken = get("/actuator/spawnoverview", "dashboard-secret");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Spawn proxy dashboard").contains("content=\"/actuator\"");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).contains("default-src 'none'"));
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(withToken.statusCode()).isEqualTo(200);
		assertThat(withToken.body()).contains("\"activeActors\"");
		assertThat(rawGet("/spawn/dashboard/../../actuator/spawnoverview"))
			.as("a path through the dashboard's files does not skip the token")
			.startsWith("HTTP/1.1 401");
	}

	@Test
	void theDashboardIsOffByDefault() throws Exception {
		this.proxy = new SpringApplicationBuilder(SpawnProxyApplication.class).run("--server.port=0",
				"--spawn.proxy.host.host=127.0.0.1", "--spawn.proxy.host.port=" + this.host.port(),
				"--spawn.proxy.data-dir=" + this.dataDir);

		HttpResponse<String> page = get("/spawn/dashboard", null);

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).doesNotContain("Spawn proxy dashboard");
	}

	/**
	 * Starts a proxy with the dashboard, write operations and the operations endpoints on, and the actor
	 * {@code cart-42}: five calls that set its state, one that fails, and an hourly timer.
	 */
	private OperationsHttp startWithACart() {
		this.proxy = new SpringApplicationBuilder(SpawnProxyApplication.class).run("--server.port=0",
				"--spawn.proxy.host.host=127.0.0.1", "--spawn.proxy.host.port=" + this.host.port(),
				"--spawn.proxy.node-id=member-a", "--spawn.proxy.data-dir=" + this.dataDir,
				"--spawn.proxy.runtime.snapshot-interval=50ms", "--spawn.proxy.dashboard.enabled=true",
				"--spawn.proxy.operations.write-enabled=true",
				"--management.endpoints.web.exposure.include=health,spawnactors,spawntimers,spawnoverview");
		ProxyClient client = new ProxyClient(port());
		OperationsHttp ops = new OperationsHttp(port());
		this.host.on(SYSTEM, "cart-42", "set", TestHost::setState);
		this.host.on(SYSTEM, "cart-42", "tick", TestHost::echo);
		this.host.on(SYSTEM, "cart-42", "checkout", (invocation) -> TestHost.Reply.error(500, "payment refused"));
		client.register(ProxyClient.registration(SYSTEM, actor("cart-42", Kind.NAMED, "set", "tick", "checkout")
			.addTimerActions(FixedTimerAction.newBuilder()
				.setSeconds(3_600_000)
				.setAction(Action.newBuilder().setName("tick")))));
		for (int i = 0; i < 5; i++) {
			assertThat(client.invoke(call(SYSTEM, "cart-42", "set", "2 apples, 1 pear").build()).status())
				.isEqualTo(200);
		}
		client.invoke(call(SYSTEM, "cart-42", "checkout").build());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ops.get("/spawnactors/" + SYSTEM + "/cart-42").body().path("revision").asLong() >= 1);
		return ops;
	}

	private int port() {
		return Integer.parseInt(this.proxy.getEnvironment().getProperty("local.server.port"));
	}

	private HttpResponse<String> get(String path, @Nullable String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
			.timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** The status line of a GET sent as written: {@link HttpClient} would normalize the path. */
	private String rawGet(String path) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).lines()
				.findFirst()
				.orElse("");
		}
	}

	private static List<String> timerIds(OperationsHttp ops) {
		List<String> ids = new ArrayList<>();
		ops.get("/spawntimers/" + SYSTEM).body().get("items").forEach((item) -> ids.add(item.get("id").asString()));
		return ids;
	}

	private static void requireBrowser() {
		boolean ready = Files.isExecutable(CHROMIUM)
				&& Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core"));
		String missing = "the browser test needs " + CHROMIUM + " (apt-get install chromium) and npm ci in "
				+ SCRIPT_DIR + "; .ci/run installs both";
		if (Boolean.getBoolean("spawn.browser.required")) {
			assertThat(ready).as(missing).isTrue();
		}
		Assumptions.assumeTrue(ready, missing);
	}

	/** Runs the Playwright script with a bounded wait; a script that overruns is killed and fails the test. */
	private static Run runScript(String... args) throws IOException, InterruptedException {
		Files.createDirectories(SCREENSHOTS);
		List<String> command = new ArrayList<>(List.of("node", "dashboard.mjs"));
		command.addAll(List.of(args));
		command.add(SCREENSHOTS.toAbsolutePath().toString());
		Path log = Files.createTempFile("dashboard-browser", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPT_DIR.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("CHROMIUM", CHROMIUM.toString());
		builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
		Process process = builder.start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				return new Run(-1, "the browser script ran over 60 s and was killed\n" + read(log));
			}
			return new Run(process.exitValue(), read(log));
		}
		finally {
			if (process.isAlive()) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
			Files.deleteIfExists(log);
		}
	}

	private static String read(Path log) throws IOException {
		return Files.readString(log, StandardCharsets.UTF_8);
	}

	private record Run(int exitCode, String output) {
	}

}
