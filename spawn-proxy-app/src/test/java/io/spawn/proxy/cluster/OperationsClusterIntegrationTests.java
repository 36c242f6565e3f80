package io.spawn.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations API across three proxy JVMs on one embedded PostgreSQL: every member gives the same listing,
 * description and history of the same actors, with the owner the lease names; a restore sent to a member that does
 * not run the actor is carried out by the one that does.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsClusterIntegrationTests {

	private static final String SYSTEM = "opcl";

	private static final JsonMapper json = JsonMapper.builder().build();

	private EmbeddedPostgres postgres;

	private CounterHost host;

	private final ClusterTestClient client = new ClusterTestClient(SYSTEM);

	private final List<ProxyProcess> members = new ArrayList<>();

	@BeforeAll
	void startCluster() throws Exception {
		this.postgres = EmbeddedPostgres.start();
		this.host = new CounterHost();
		int[] peerPorts = { ProxyProcess.freePort(), ProxyProcess.freePort(), ProxyProcess.freePort() };
		String peers = "127.0.0.1:" + peerPorts[0] + ",127.0.0.1:" + peerPorts[1] + ",127.0.0.1:" + peerPorts[2];
		for (int i = 0; i < 3; i++) {
			Map<String, String> settings = ProxyProcess.memberSettings(SYSTEM, this.host.port(), "localhost",
					this.postgres.getPort(), peers);
			settings.put("management.endpoints.web.exposure.include", "health,cluster,spawnactors,spawntimers,spawnoverview");
			settings.put("spawn.proxy.operations.write-enabled", "true");
			this.members.add(ProxyProcess.prepare("node-" + i, ProxyProcess.freePort(), peerPorts[i], settings));
		}
		for (ProxyProcess member : this.members) {
			member.start();
		}
		for (ProxyProcess member : this.members) {
			// Three JVMs starting at once on a loaded 2-core machine have taken more than 90 s.
			member.awaitReady(Duration.ofSeconds(180));
			this.client.register(member);
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.members.stream().allMatch((m) -> this.client.viewOf(m).size() == 3));
	}

	@AfterAll
	void stopCluster() throws Exception {
		for (ProxyProcess member : this.members) {
			member.close();
		}
		if (this.host != null) {
			this.host.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void everyMemberGivesTheSameAnswerAndARestoreRunsOnTheActorsOwner() throws Exception {
		// Twelve write-through instances, each called through every member so that their owners differ.
		for (int i = 0; i < 12; i++) {
			for (ProxyProcess member : this.members) {
				ClusterTestClient.Answer answer = this.client.add(member, "c-" + i, "counter", 1);
				assertThat(answer.status()).as(answer.message()).isEqualTo(200);
			}
		}

		List<List<JsonNode>> listings = new ArrayList<>();
		for (ProxyProcess member : this.members) {
			listings.add(collect(member, "/actuator/spawnactors/" + SYSTEM + "?parent=counter&pageSize=5"));
		}
		assertThat(listings.get(0)).hasSize(12);
		assertThat(listings.get(1)).isEqualTo(listings.get(0));
		assertThat(listings.get(2)).isEqualTo(listings.get(0));
		List<String> owners = new ArrayList<>();
		for (JsonNode item : listings.get(0)) {
			assertThat(item.get("revision").asLong()).isEqualTo(3);
			assertThat(item.get("active").asBoolean()).isTrue();
			String name = item.get("name").asString();
			assertThat(item.get("owner").asString()).as("owner of %s", name)
				.isEqualTo(this.client.ownerOf(this.members.get(0), name));
			owners.add(item.get("owner").asString());
		}
		assertThat(owners).as("the instances are spread over the members").hasSizeGreaterThan(1)
			.containsAnyOf("node-0", "node-1", "node-2");
		assertThat(owners.stream().distinct().count()).isGreaterThan(1);

		String actor = listings.get(0).get(0).get("name").asString();
		String owner = listings.get(0).get(0).get("owner").asString();
		List<String> details = new ArrayList<>();
		List<String> histories = new ArrayList<>();
		for (ProxyProcess member : this.members) {
			details.add(get(member, "/actuator/spawnactors/" + SYSTEM + "/" + actor).body());
			histories.add(get(member, "/actuator/spawnactors/" + SYSTEM + "/" + actor + "/history").body());
		}
		assertThat(details).allSatisfy((detail) -> assertThat(detail).isEqualTo(details.get(0)));
		assertThat(histories).allSatisfy((history) -> assertThat(history).isEqualTo(histories.get(0)));
		assertThat(get(this.members.get(1), "/actuator/spawnactors/" + SYSTEM + "/nobody").statusCode())
			.isEqualTo(404);

		ProxyProcess elsewhere = this.members.stream()
			.filter((member) -> !member.nodeId.equals(owner))
			.findFirst()
			.orElseThrow();
		HttpResponse<String> restored = this.client.http()
			.send(HttpRequest.newBuilder(URI.create(elsewhere.base() + "/actuator/spawnactors/" + SYSTEM + "/" + actor))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(20))
				.POST(HttpRequest.BodyPublishers.ofString("{\"revision\": 1}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
		JsonNode after = json.readTree(restored.body());
		assertThat(after.get("revision").asLong()).isEqualTo(4);
		assertThat(after.get("owner").asString()).as("the owner did not change").isEqualTo(owner);
		assertThat(this.client.read(elsewhere, actor)).as("the running actor goes on from revision 1").isEqualTo(1);
		JsonNode history = json.readTree(get(this.members.get(2), "/actuator/spawnactors/" + SYSTEM + "/" + actor
				+ "/history").body());
		assertThat(history.get("revisions").get(0).get("node").asString())
			.as("the restore was written by the owner, under its lease").isEqualTo(owner);
	}

	@Test
	void everyMembersOverviewShowsTheThreeMembersAndTheCallsItRan() throws Exception {
		ClusterTestClient.Answer answer = this.client.add(this.members.get(1), "overview-1", "counter", 1);
		assertThat(answer.status()).as(answer.message()).isEqualTo(200);

		for (ProxyProcess member : this.members) {
			HttpResponse<String> response = get(member, "/actuator/spawnoverview");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode overview = json.readTree(response.body());
			List<String> nodes = new ArrayList<>();
			overview.get("members").forEach((m) -> nodes.add(m.get("node").asString() + ":" + m.get("state").asString()));
			assertThat(overview.get("node").asString()).isEqualTo(member.nodeId);
			assertThat(overview.get("clustered").asBoolean()).isTrue();
			assertThat(overview.get("health").asString()).isEqualTo("UP");
			assertThat(nodes).extracting((n) -> n.substring(0, n.indexOf(':')))
				.containsExactlyInAnyOrder("node-0", "node-1", "node-2");
		}
		List<String> actions = new ArrayList<>();
		for (ProxyProcess member : this.members) {
			json.readTree(get(member, "/actuator/spawnoverview").body())
				.get("invocations")
				.forEach((row) -> actions.add(row.get("actor").asString() + "/" + row.get("action").asString() + "/"
						+ row.get("outcome").asString()));
		}
		assertThat(actions).as("the member that ran the call counts it under its template").contains("counter/add/OK");
	}

	/** Every item of a listing, page after page. */
	private List<JsonNode> collect(ProxyProcess member, String path) throws Exception {
		List<JsonNode> items = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			HttpResponse<String> response = get(member, path + ((token != null) ? "&pageToken=" + token : ""));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode page = json.readTree(response.body());
			page.get("items").forEach(items::add);
			token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asString();
			assertThat(++pages).as("pages").isLessThan(10);
		}
		while (token != null);
		return items;
	}

	private HttpResponse<String> get(ProxyProcess member, String path) throws Exception {
		return this.client.http()
			.send(HttpRequest.newBuilder(URI.create(member.base() + path)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
