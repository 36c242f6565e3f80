package io.spawn.proxy;

import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.auth.BearerToken;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import static io.spawn.proxy.ProxyClient.actor;
import static io.spawn.proxy.ProxyClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations of the running proxy: Prometheus metrics with their tags, and the health probes.
 */
class OperationsIntegrationTests extends ProxyIntegrationTestSupport {

	@Test
	void recordsInvocationsWithSystemActorActionAndOutcomeTags() {
		register(actor("counter", Kind.NAMED, "inc"));
		on("counter", "inc", TestHost::setState);
		this.proxy.invoke(call(this.system, "counter", "inc", "1").build());
		this.proxy.invoke(call(this.system, "counter", "inc", "2").build());
		this.proxy.invoke(call(this.system, "counter", "nope").build());

		String metrics = scrape();

		assertThat(sample(metrics, "spawn_invocations_seconds_count", "system", this.system, "actor", "counter",
				"action", "inc", "outcome", "OK")).isEqualTo(2);
		assertThat(sample(metrics, "spawn_invocations_seconds_count", "system", this.system, "actor", "counter",
				"action", "<unknown>", "outcome", "ACTION_NOT_FOUND")).isEqualTo(1);
		assertThat(sample(metrics, "spawn_activations_total", "system", this.system)).isEqualTo(1);
		assertThat(metrics).containsPattern("(?m)^spawn_actors_active\\{.*\\} \\d");
		assertThat(metrics).containsPattern("(?m)^spawn_mailbox_depth\\{.*\\} \\d");
		assertThat(metrics).containsPattern("(?m)^spawn_schedule_lag_milliseconds\\{.*\\} \\d");
	}

	@Test
	void tagsInstancesWithTheirTemplateAndUnknownNamesWithAPlaceholder() {
		register(actor("template", Kind.UNNAMED, "say"));
		on("template", "say", TestHost::echo);
		for (int i = 0; i < 3; i++) {
			this.proxy.invoke(call(this.system, "instance-" + i, "say", "x").setRegisterRef("template").build());
		}
		this.proxy.invoke(call(this.system, "random-name-" + System.nanoTime(), "say").build());

		String metrics = scrape();

		assertThat(sample(metrics, "spawn_invocations_seconds_count", "system", this.system, "actor", "template",
				"action", "say", "outcome", "OK")).isEqualTo(3);
		assertThat(sample(metrics, "spawn_invocations_seconds_count", "system", this.system, "actor", "<unknown>",
				"action", "<unknown>", "outcome", "ACTOR_NOT_FOUND")).isEqualTo(1);
		assertThat(metrics).doesNotContain("instance-0").doesNotContain("random-name-");
	}

	@Test
	void countsSnapshotsAndPassivations() {
		register(ProxyClient.withTimeouts(actor("saver", Kind.NAMED, "set"), 200, 50));
		on("saver", "set", TestHost::setState);

		this.proxy.invoke(call(this.system, "saver", "set", "state").build());

		await().until(() -> sample(scrape(), "spawn_snapshots_total", "system", this.system, "result", "success"),
				(count) -> count >= 1);
		await().until(() -> sample(scrape(), "spawn_passivations_total", "system", this.system), (count) -> count >= 1);
	}

	@Test
	void readinessAndLivenessAreUpAndShowNoDetailsWithoutCredentials() {
		HttpResponse<String> readiness = this.proxy.getText("/actuator/health/readiness");
		HttpResponse<String> liveness = this.proxy.getText("/actuator/health/liveness");
		HttpResponse<String> health = this.proxy.getText("/actuator/health");

		assertThat(readiness.statusCode()).isEqualTo(200);
		// Its components (readinessState, spawnRuntime, db) show only to a caller with the token:
		// BearerTokenIntegrationTests.
		assertThat(readiness.body()).contains("\"status\":\"UP\"").doesNotContain("spawnRuntime").doesNotContain("db");
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"status\":\"UP\"");
	}

	private String scrape() {
		HttpResponse<String> response = this.proxy.getText("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/**
	 * The value of the sample of {@code name} that carries all the given labels (others may be present), or -1.
	 */
	static double sample(String metrics, String name, String... labels) {
		for (String line : metrics.split("\n")) {
			if (!line.startsWith(name + "{")) {
				continue;
			}
			String labelBlock = line.substring(name.length() + 1, line.lastIndexOf('}'));
			boolean all = true;
			for (int i = 0; i < labels.length; i += 2) {
				if (!Pattern.compile("(^|,)" + Pattern.quote(labels[i] + "=\"" + labels[i + 1] + "\"") + "(,|$)")
					.matcher(labelBlock)
					.find()) {
					all = false;
					break;
				}
			}
			if (all) {
				return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return -1;
	}

}
