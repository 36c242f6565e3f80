package io.spawn.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three proxy JVMs on one embedded PostgreSQL, found through a static peer list, sharing one host: the cluster
 * behaves as one actor system through whichever member a call enters, and keeps doing so when a member is killed,
 * paused past its leases, joins, or leaves gracefully. The scenarios run in order on the same cluster.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIntegrationTests {

	private static final String SYSTEM = "cl";

	private static final Duration LEASE = Duration.ofSeconds(3);

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
			this.members.add(ProxyProcess.prepare("node-" + i, ProxyProcess.freePort(), peerPorts[i], settings(peers)));
		}
		for (ProxyProcess member : this.members) {
			member.start();
		}
		for (ProxyProcess member : this.members) {
			member.awaitReady(Duration.ofSeconds(90));
			this.client.register(member);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.members.stream().allMatch((m) -> this.client.viewOf(m).size() == 3));
	}

	private Map<String, String> settings(String peers) {
		Map<String, String> settings = ProxyProcess.memberSettings(SYSTEM, this.host.port(), "localhost",
				this.postgres.getPort(), peers);
		settings.put("spawn.proxy.state.lease-duration", LEASE.toSeconds() + "s");
		settings.put("spawn.proxy.shutdown.timeout", "20s");
		return settings;
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

	// ----------------------------------------------------------------------------------------------------------

	@Test
	@Order(1)
	void tenThousandConcurrentCallsOnOneActorThroughAllMembersEndExact() throws Exception {
		int calls = 10_000;
		AtomicInteger failures = new AtomicInteger();
		AtomicLong lastFailure = new AtomicLong();
		try (ExecutorService callers = Executors.newFixedThreadPool(48)) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				ProxyProcess member = this.members.get(i % 3);
				done.add(callers.submit(() -> {
					ClusterTestClient.Answer answer = this.client.add(member, "hot", null, 1);
					if (answer.status() != 200) {
						failures.incrementAndGet();
						lastFailure.set(answer.status());
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		assertThat(failures.get()).as("failed calls (last status %s)", lastFailure.get()).isZero();
		for (ProxyProcess member : this.members) {
			assertThat(this.client.read(member, "hot")).as("state read through %s", member.nodeId).isEqualTo(calls);
		}
		assertThat(this.host.received("hot", "add")).isEqualTo(calls);
		assertThat(this.host.maxConcurrent("hot")).as("calls of one actor inside the host at once").isEqualTo(1);
	}

	@Test
	@Order(2)
	void everyMemberNamesTheSameOwnerAndOnlyTheOwnerHoldsTheActor() {
		List<String> owners = this.members.stream().map((m) -> this.client.ownerOf(m, "hot")).distinct().toList();
		assertThat(owners).hasSize(1);
		ProxyProcess owner = member(owners.get(0));
		assertThat(this.client.activeOn(owner, "hot")).isTrue();
		for (ProxyProcess other : this.members) {
			if (other != owner) {
				assertThat(this.client.activeOn(other, "hot")).as("active on %s", other.nodeId).isFalse();
			}
		}
	}

	@Test
	@Order(2)
	void aDeletionOfTheStateSentToAMemberThatDoesNotOwnTheActorRunsOnTheOwner() throws Exception {
		String owner = this.client.ownerOf(this.members.get(0), "erase-me");
		ProxyProcess other = this.members.stream().filter((m) -> !m.nodeId.equals(owner)).findFirst().orElseThrow();
		assertThat(this.client.add(other, "erase-me", "counter", 5).value()).isEqualTo(5);
		assertThat(this.client.activeOn(member(owner), "erase-me")).isTrue();

		HttpResponse<byte[]> deleted = this.client.http().send(HttpRequest
			.newBuilder(URI.create(other.base() + "/api/v1/system/" + SYSTEM + "/actors/erase-me/state"))
			.timeout(Duration.ofSeconds(45))
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(deleted.statusCode()).as(InvocationResponse.parseFrom(deleted.body()).getStatus().getMessage())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.client.activeOn(member(owner), "erase-me"));
		assertThat(this.client.add(other, "erase-me", "counter", 1).value()).as("the next call starts from no state").isEqualTo(1);
		for (ProxyProcess member : this.members) {
			assertThat(this.client.read(member, "erase-me")).as("state read through %s", member.nodeId).isEqualTo(1);
		}
	}

	@Test
	@Order(3)
	void delayedCallsScheduledThroughAnyMemberFireOnceEach() {
		long at = System.currentTimeMillis() + 1_500;
		for (int i = 0; i < 10; i++) {
			InvocationRequest request = this.client.call("p" + i, "ping", "pinger", null).toBuilder().setScheduledTo(at).build();
			assertThat(this.client.send(this.members.get(i % 3), request).status()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> countPings() == 10);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> countPings() == 10);
		for (int i = 0; i < 10; i++) {
			assertThat(this.host.received("p" + i, "ping")).as("pings of p%d", i).isEqualTo(1);
		}
	}

	private int countPings() {
		int total = 0;
		for (int i = 0; i < 10; i++) {
			total += this.host.received("p" + i, "ping");
		}
		return total;
	}

	@Test
	@Order(4)
	void broadcastReachesEverySubscriberOnEveryMemberOnce() {
		for (int i = 0; i < 6; i++) {
			assertThat(this.client.send(this.members.get(i % 3), this.client.call("l" + i, "hello", "listener", null)).status()).isEqualTo(200);
		}
		assertThat(this.client.send(this.members.get(0), this.client.call("speaker", "shout", null, null)).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> receivedNews() == 7);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> receivedNews() == 7);
		assertThat(this.host.received("radio", "receive")).isEqualTo(1);
		for (int i = 0; i < 6; i++) {
			assertThat(this.host.received("l" + i, "receive")).as("news received by l%d", i).isEqualTo(1);
		}
		assertThat(this.members.stream().map((m) -> this.client.ownerOf(m, "l0")).distinct()).hasSize(1);
	}

	private int receivedNews() {
		int total = this.host.received("radio", "receive");
		for (int i = 0; i < 6; i++) {
			total += this.host.received("l" + i, "receive");
		}
		return total;
	}

	@Test
	@Order(5)
	void killNineOfAnOwnerLosesNoAcknowledgedWriteAndItsActorsAnswerOnSurvivors() throws Exception {
		long acknowledged = 0;
		for (int i = 0; i < 30; i++) {
			ClusterTestClient.Answer answer = this.client.add(this.members.get(i % 3), "acct", "counter", 1);
			assertThat(answer.status()).isEqualTo(200);
			acknowledged++;
			assertThat(answer.value()).isEqualTo(acknowledged);
		}
		ProxyProcess owner = member(this.client.ownerOf(this.members.get(0), "acct"));
		List<ProxyProcess> survivors = this.members.stream().filter((m) -> m != owner).toList();
		long killedAt = System.nanoTime();
		owner.kill();
		ClusterTestClient.Answer first = null;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		int attempts = 0;
		while (System.nanoTime() < deadline) {
			ClusterTestClient.Answer answer = this.client.add(survivors.get(attempts++ % 2), "acct", "counter", 1);
			if (answer.status() == 200) {
				first = answer;
				break;
			}
		}
		long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
		System.out.println("[cluster] kill -9 of the owner to the first successful call: " + failoverMillis + " ms ("
				+ attempts + " attempts, lease " + LEASE + ")");
		assertThat(first).as("a call answered by a survivor within 60 s").isNotNull();
		acknowledged++;
		assertThat(first.value()).as("the survivor continues from the last committed state").isEqualTo(acknowledged);
		assertThat(this.client.read(survivors.get(0), "acct")).isEqualTo(acknowledged);
		assertThat(this.host.maxConcurrent("acct")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.client.viewOf(survivors.get(0)).size() == 2);
	}

	@Test
	@Order(6)
	void aJoiningMemberTakesOverItsActorsWithoutADoubleActivation() throws Exception {
		ProxyProcess dead = this.members.stream().filter((m) -> !m.alive()).findFirst().orElseThrow();
		List<ProxyProcess> survivors = this.members.stream().filter(ProxyProcess::alive).toList();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger acknowledged = new AtomicInteger();
		List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		List<String> actors = List.of("j0", "j1", "j2", "j3", "j4", "j5", "j6", "j7");
		ExecutorService load = Executors.newFixedThreadPool(8);
		try {
			for (String actor : actors) {
				load.submit(() -> {
					int i = 0;
					while (running.get()) {
						ClusterTestClient.Answer answer = this.client.add(survivors.get(i++ % 2), actor, "counter", 1);
						if (answer.status() == 200) {
							acknowledged.incrementAndGet();
						}
						else {
							failures.add(actor + ": " + answer.status() + " " + answer.message());
						}
					}
				});
			}
			awaitProgress(acknowledged, 100, failures);
			dead.start();
			dead.awaitReady(Duration.ofSeconds(120));
			this.client.register(dead);
			await().atMost(Duration.ofSeconds(30)).until(() -> survivors.stream().allMatch((m) -> this.client.viewOf(m).size() == 3));
			awaitProgress(acknowledged, acknowledged.get() + 100, failures);
		}
		finally {
			running.set(false);
			load.shutdown();
			assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).as("load stopped").isTrue();
		}
		List<String> failed = failures;
		assertThat(failed).as("failed calls while a member joined").isEmpty();
		long total = 0;
		for (String actor : actors) {
			total += this.client.read(dead, actor);
		}
		assertThat(total).isEqualTo(acknowledged.get());
		assertThat(this.host.maxConcurrentOfAnyActor()).as("calls of one actor inside the host at once").isEqualTo(1);
		List<String> ownedByJoined = actors.stream().filter((a) -> this.client.ownerOf(dead, a).equals(dead.nodeId)).toList();
		assertThat(ownedByJoined).as("actors the joined member owns now").isNotEmpty();
		for (String actor : ownedByJoined) {
			// The old owner flushes and gives back the lease in the background: the joined member runs the actor
			// from the call after that on, whichever member the call enters at.
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				assertThat(this.client.add(survivors.get(0), actor, "counter", 0).status()).isEqualTo(200);
				assertThat(this.client.activeOn(dead, actor)).as("%s active on the joined member", actor).isTrue();
			});
			for (ProxyProcess survivor : survivors) {
				await().atMost(Duration.ofSeconds(15))
					.untilAsserted(() -> assertThat(this.client.activeOn(survivor, actor))
						.as("%s still active on %s after the handover", actor, survivor.nodeId)
						.isFalse());
			}
		}
	}

	@Test
	@Order(7)
	void anOwnerPausedPastItsLeaseCommitsNothingAndServesNoStaleStateWhenItResumes() throws Exception {
		for (int i = 0; i < 20; i++) {
			assertThat(this.client.add(this.members.get(i % 3), "sx", "counter", 1).status()).isEqualTo(200);
		}
		ProxyProcess owner = member(this.client.ownerOf(this.members.get(0), "sx"));
		List<ProxyProcess> others = this.members.stream().filter((m) -> m != owner).toList();
		owner.pause();
		try {
			long acknowledged = 20;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			int answered = 0;
			int i = 0;
			while (answered < 20 && System.nanoTime() < deadline) {
				ClusterTestClient.Answer answer = this.client.add(others.get(i++ % 2), "sx", "counter", 1);
				if (answer.status() == 200) {
					answered++;
					acknowledged++;
					assertThat(answer.value()).isEqualTo(acknowledged);
				}
			}
			assertThat(answered).as("calls answered by the others while the owner is paused").isEqualTo(20);
		}
		finally {
			owner.resume();
		}
		assertThat(this.client.read(owner, "sx")).as("a read through the resumed member sees the committed state").isEqualTo(40);
		assertThat(this.client.add(owner, "sx", "counter", 1).value()).isEqualTo(41);
		for (ProxyProcess member : this.members) {
			assertThat(this.client.read(member, "sx")).isEqualTo(41);
		}
		assertThat(this.host.maxConcurrent("sx")).isEqualTo(1);
		assertThat(this.host.received("sx", "add")).as("every add reached the host once, none replayed").isEqualTo(41);
	}

	@Test
	@Order(8)
	void aGracefulLeaveUnderLoadGivesCallersNoServerError() throws Exception {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.members.stream().allMatch((m) -> this.client.viewOf(m).size() == 3));
		ProxyProcess leaving = member(this.client.ownerOf(this.members.get(0), "hot"));
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger acknowledged = new AtomicInteger();
		List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
		List<String> actors = List.of("g0", "g1", "g2", "g3", "g4", "g5");
		ExecutorService load = Executors.newFixedThreadPool(6);
		try {
			for (String actor : actors) {
				load.submit(() -> {
					int i = ThreadLocalRandom.current().nextInt(3);
					while (running.get()) {
						ProxyProcess target = this.members.get(i++ % 3);
						ClusterTestClient.Answer answer = this.client.add(target, actor, "counter", 1);
						if (answer.status() == -1) {
							// refused connection: the member's port closed; a load balancer tries the next one
							continue;
						}
						if (answer.status() == 200) {
							acknowledged.incrementAndGet();
						}
						else {
							errors.add(answer.status() + " " + answer.message());
						}
					}
				});
			}
			awaitProgress(acknowledged, 100, errors);
			leaving.terminate(Duration.ofSeconds(60));
			awaitProgress(acknowledged, acknowledged.get() + 100, errors);
		}
		finally {
			running.set(false);
			load.shutdown();
			assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).as("load stopped").isTrue();
		}
		assertThat(errors).as("statuses other than 200 while a member left").isEmpty();
		ProxyProcess survivor = this.members.stream().filter(ProxyProcess::alive).findFirst().orElseThrow();
		long total = 0;
		for (String actor : actors) {
			total += this.client.read(survivor, actor);
		}
		assertThat(total).isEqualTo(acknowledged.get());
		assertThat(this.client.read(survivor, "hot")).as("the leaving owner flushed and handed over").isEqualTo(10_000);
		assertThat(this.host.maxConcurrentOfAnyActor()).isEqualTo(1);
	}

	// ----------------------------------------------------------------------------------------------------------

	private static void awaitProgress(AtomicInteger acknowledged, int target, List<String> failures) {
		try {
			await().atMost(Duration.ofSeconds(60))
				.failFast(() -> failures.size() > 20)
				.until(() -> acknowledged.get() >= target);
		}
		catch (RuntimeException ex) {
			List<String> seen;
			synchronized (failures) {
				seen = new ArrayList<>(failures.subList(0, Math.min(10, failures.size())));
			}
			throw new AssertionError("acknowledged " + acknowledged.get() + " of " + target + "; failures: " + seen, ex);
		}
	}

	private ProxyProcess member(String nodeId) {
		return this.members.stream().filter((m) -> m.nodeId.equals(nodeId)).findFirst().orElseThrow();
	}

}
