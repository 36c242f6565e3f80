package io.spawn.proxy;

import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.FixedTimerAction;
import io.spawn.protocol.actors.Kind;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The operations endpoints of a real proxy on its durable store ({@code spawnactors}, {@code spawntimers}), run on
 * each database by a subclass.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractOperationsEndpointsIntegrationTests {

	private static final AtomicInteger systems = new AtomicInteger();

	final TestHost host = new TestHost();

	private final List<ConfigurableApplicationContext> proxies = new ArrayList<>();

	String system;

	/** Arguments that put the proxy on this class's database. */
	abstract List<String> databaseArguments();

	@BeforeEach
	void newSystem(TestInfo test) {
		this.system = "ops-" + test.getTestMethod().map((m) -> m.getName()).orElse("t") + "-" + systems.incrementAndGet();
	}

	@AfterEach
	void stop() {
		this.proxies.forEach(ConfigurableApplicationContext::close);
		this.host.close();
	}

	ConfigurableApplicationContext start(String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spawn.proxy.host.host=127.0.0.1",
				"--spawn.proxy.host.port=" + this.host.port(), "--spawn.proxy.node-id=member-a",
				"--spawn.proxy.runtime.snapshot-interval=50ms",
				"--management.endpoints.web.exposure.include=health,spawnactors,spawntimers"));
		args.addAll(databaseArguments());
		args.addAll(List.of(extra));
		ConfigurableApplicationContext proxy = new SpringApplicationBuilder(SpawnProxyApplication.class)
			.run(args.toArray(String[]::new));
		this.proxies.add(proxy);
		return proxy;
	}

	static int port(ConfigurableApplicationContext proxy) {
		return Integer.parseInt(proxy.getEnvironment().getProperty("local.server.port"));
	}

	static List<String> names(JsonNode page) {
		List<String> names = new ArrayList<>();
		page.get("items").forEach((item) -> names.add(item.get("name").asString()));
		return names;
	}

	/** Sets the state of {@code actor} and waits until that revision is stored. */
	void set(ProxyClient client, OperationsHttp ops, String actor, String value, long revision) {
		assertThat(client.invoke(call(this.system, actor, "set", value).build()).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ops.get("/spawnactors/" + this.system + "/" + actor).body().path("revision").asLong(),
					(stored) -> stored >= revision);
	}

	@Test
	void listsDescribesAndReadsActorsPageByPage() {
		ConfigurableApplicationContext proxy = start();
		ProxyClient client = new ProxyClient(port(proxy));
		OperationsHttp ops = new OperationsHttp(port(proxy));
		this.host.on(this.system, "box", "set", TestHost::setState);
		this.host.on(this.system, "acct", "set", TestHost::setState);
		client.register(ProxyClient.registration(this.system, actor("box", Kind.NAMED, "set"),
				actor("acct", Kind.UNNAMED, "set")));
		set(client, ops, "box", "boxed", 1);
		for (int i = 1; i <= 3; i++) {
			assertThat(client.invoke(call(this.system, "acct-" + i, "set", "a" + i).setRegisterRef("acct").build())
				.status()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> names(ops.get("/spawnactors/" + this.system).body()).size() == 4);

		OperationsHttp.Response first = ops.get("/spawnactors/" + this.system + "?pageSize=3");
		OperationsHttp.Response second = ops
			.get("/spawnactors/" + this.system + "?pageSize=3&pageToken=" + first.body().get("nextPageToken").asString());
		OperationsHttp.Response instances = ops.get("/spawnactors/" + this.system + "?parent=acct&activity=active");
		OperationsHttp.Response box = ops.get("/spawnactors/" + this.system + "/box");
		OperationsHttp.Response state = ops.get("/spawnactors/" + this.system + "/box/state");

		assertThat(first.status()).isEqualTo(200);
		assertThat(names(first.body())).containsExactly("acct-1", "acct-2", "acct-3");
		assertThat(names(second.body())).containsExactly("box");
		assertThat(second.body().get("nextPageToken").isNull()).isTrue();
		assertThat(names(instances.body())).containsExactly("acct-1", "acct-2", "acct-3");
		assertThat(instances.body().get("items").get(0).get("parent").asString()).isEqualTo("acct");
		assertThat(box.body().get("revision").asLong()).isEqualTo(1);
		assertThat(box.body().get("active").asBoolean()).isTrue();
		assertThat(box.body().get("owner").asString()).isEqualTo("member-a");
		assertThat(box.body().get("stateType").asString()).isEqualTo("type.googleapis.com/google.protobuf.StringValue");
		assertThat(box.body().get("updatedAt").asString()).isNotBlank();
		assertThat(state.body().get("status").asString()).isEqualTo("PROTOBUF_JSON");
		assertThat(state.body().get("value").asString()).isEqualTo("boxed");
	}

	@Test
	void answersNotFoundAndBadRequestWithAMessageNotAStackTrace() {
		ConfigurableApplicationContext proxy = start();
		OperationsHttp ops = new OperationsHttp(port(proxy));

		OperationsHttp.Response unknown = ops.get("/spawnactors/" + this.system + "/nobody");
		OperationsHttp.Response unknownState = ops.get("/spawnactors/" + this.system + "/nobody/state");
		OperationsHttp.Response tooBig = ops.get("/spawnactors/" + this.system + "?pageSize=100000");
		OperationsHttp.Response badToken = ops.get("/spawnactors/" + this.system + "?pageToken=zzz");
		OperationsHttp.Response badActivity = ops.get("/spawnactors/" + this.system + "?activity=sleepy");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body().get("error").asString()).isEqualTo("NOT_FOUND");
		assertThat(unknown.body().get("message").asString()).contains("nobody");
		assertThat(unknownState.status()).isEqualTo(404);
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.body().get("message").asString()).contains("500");
		assertThat(badToken.status()).isEqualTo(400);
		assertThat(badActivity.status()).isEqualTo(400);
		assertThat(List.of(unknown, tooBig, badToken, badActivity))
			.allSatisfy((response) -> assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat "));
	}

	@Test
	void restoresAKeptRevisionAsTheLatestOneAndAuditsWhoAsked(CapturedOutput output) {
		ConfigurableApplicationContext proxy = start("--spawn.proxy.operations.write-enabled=true");
		ProxyClient client = new ProxyClient(port(proxy));
		OperationsHttp ops = new OperationsHttp(port(proxy));
		this.host.on(this.system, "box", "set", TestHost::setState);
		client.register(ProxyClient.registration(this.system, actor("box", Kind.NAMED, "set")));
		set(client, ops, "box", "v1", 1);
		set(client, ops, "box", "v2", 2);
		set(client, ops, "box", "v3", 3);

		OperationsHttp.Response history = ops.get("/spawnactors/" + this.system + "/box/history");
		OperationsHttp.Response atOne = ops.get("/spawnactors/" + this.system + "/box/history/1");
		OperationsHttp.Response restored = ops.post("/spawnactors/" + this.system + "/box", "{\"revision\": 1}");
		OperationsHttp.Response notKept = ops.post("/spawnactors/" + this.system + "/box", "{\"revision\": 77}");

		List<Long> revisions = new ArrayList<>();
		history.body().get("revisions").forEach((r) -> revisions.add(r.get("revision").asLong()));
		assertThat(revisions).containsExactly(3L, 2L, 1L);
		assertThat(atOne.body().get("value").asString()).isEqualTo("v1");
		assertThat(restored.status()).as(restored.text()).isEqualTo(200);
		assertThat(restored.body().get("revision").asLong()).as("a restore is a new revision").isEqualTo(4);
		assertThat(ops.get("/spawnactors/" + this.system + "/box/state").body().get("value").asString())
			.isEqualTo("v1");
		assertThat(client.invoke(call(this.system, "box", "get").build()).text())
			.as("the running actor goes on from the restored state")
			.isEqualTo("v1");
		assertThat(notKept.status()).isEqualTo(404);
		assertThat(output).contains("anonymous restore of revision 1 of actor '" + this.system + "/box': OK");
		assertThat(output).contains("anonymous restore of revision 77");
	}

	@Test
	void writeOperationsAreOffUnlessEnabled() {
		ConfigurableApplicationContext proxy = start();
		ProxyClient client = new ProxyClient(port(proxy));
		OperationsHttp ops = new OperationsHttp(port(proxy));
		this.host.on(this.system, "box", "set", TestHost::setState);
		client.register(ProxyClient.registration(this.system, actor("box", Kind.NAMED, "set")));
		set(client, ops, "box", "v1", 1);

		OperationsHttp.Response restore = ops.post("/spawnactors/" + this.system + "/box", "{\"revision\": 1}");
		OperationsHttp.Response cancel = ops.delete("/spawnactors/" + this.system + "/box/timers?id=x");

		assertThat(restore.status()).isEqualTo(403);
		assertThat(restore.body().get("message").asString()).contains("spawn.proxy.operations.write-enabled");
		assertThat(cancel.status()).isEqualTo(403);
		assertThat(ops.get("/spawnactors/" + this.system + "/box").body().get("revision").asLong()).isEqualTo(1);
	}

	@Test
	void listsAndCancelsTimersAndDelayedCalls() {
		ConfigurableApplicationContext proxy = start("--spawn.proxy.operations.write-enabled=true");
		ProxyClient client = new ProxyClient(port(proxy));
		OperationsHttp ops = new OperationsHttp(port(proxy));
		this.host.on(this.system, "ticker", "tick", TestHost::echo);
		this.host.on(this.system, "ticker", "later", TestHost::echo);
		client.register(ProxyClient.registration(this.system, actor("ticker", Kind.NAMED, "tick", "later")
			.addTimerActions(FixedTimerAction.newBuilder().setSeconds(3_600_000).setAction(Action.newBuilder().setName("tick")))));
		assertThat(client.invoke(call(this.system, "ticker", "later")
			.setScheduledTo(System.currentTimeMillis() + 3_600_000)
			.build()).status()).isEqualTo(200);

		JsonNode all = ops.get("/spawntimers/" + this.system).body();
		JsonNode ofTicker = ops.get("/spawnactors/" + this.system + "/ticker/timers").body();

		List<String> kinds = new ArrayList<>();
		all.get("items").forEach((item) -> kinds.add(item.get("action").asString() + ":" + item.get("kind").asString()));
		assertThat(kinds).containsExactlyInAnyOrder("tick:timer", "later:delayed-call");
		assertThat(ofTicker.get("items")).hasSize(2);
		String timer = "timer:" + this.system + "/ticker/tick";
		assertThat(all.get("items").findValuesAsString("id")).contains(timer);

		OperationsHttp.Response cancelled = ops
			.delete("/spawnactors/" + this.system + "/ticker/timers?id=" + java.net.URLEncoder.encode(timer,
					java.nio.charset.StandardCharsets.UTF_8));
		OperationsHttp.Response again = ops.delete("/spawnactors/" + this.system + "/ticker/timers?id="
				+ java.net.URLEncoder.encode(timer, java.nio.charset.StandardCharsets.UTF_8));

		assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(404);
		List<String> left = new ArrayList<>();
		ops.get("/spawntimers/" + this.system).body().get("items").forEach((item) -> left.add(item.get("action").asString()));
		assertThat(left).containsExactly("later");
	}

	@Test
	void aStateThatCannotBeDecryptedSaysSo() {
		String key = newKey();
		ConfigurableApplicationContext first = start("--spawn.proxy.state.encryption.key=" + key);
		ProxyClient client = new ProxyClient(port(first));
		OperationsHttp ops = new OperationsHttp(port(first));
		this.host.on(this.system, "vault", "set", TestHost::setState);
		client.register(ProxyClient.registration(this.system, actor("vault", Kind.NAMED, "set")));
		set(client, ops, "vault", "secret", 1);
		assertThat(ops.get("/spawnactors/" + this.system + "/vault/state").body().get("value").asString())
			.as("decrypted for the operator").isEqualTo("secret");
		first.close();

		ConfigurableApplicationContext second = start("--spawn.proxy.state.encryption.key=" + newKey());
		OperationsHttp.Response state = new OperationsHttp(port(second)).get("/spawnactors/" + this.system + "/vault/state");

		assertThat(state.status()).isEqualTo(200);
		assertThat(state.body().get("status").asString()).isEqualTo("UNREADABLE");
		assertThat(state.body().get("message").asString()).isNotBlank();
		assertThat(state.text()).doesNotContain("secret").doesNotContain("\tat ");
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
