package io.spawn.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.Noop;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.ServiceInfo;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorDeactivationStrategy;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Channel;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Metadata;
import io.spawn.protocol.actors.Registry;
import io.spawn.protocol.actors.TimeoutStrategy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private EmbeddedPostgres postgres;

	private CounterHost host;

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
			register(member);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.members.stream().allMatch((m) -> viewOf(m).size() == 3));
	}

	private Map<String, String> settings(String peers) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spawn.proxy.actor-system", SYSTEM);
		settings.put("spawn.proxy.host.port", Integer.toString(this.host.port()));
		settings.put("spawn.proxy.database.type", "postgres");
		settings.put("spawn.proxy.database.host", "localhost");
		settings.put("spawn.proxy.database.port", Integer.toString(this.postgres.getPort()));
		settings.put("spawn.proxy.database.name", "postgres");
		settings.put("spawn.proxy.database.username", "postgres");
		settings.put("spawn.proxy.cluster.discovery", "static");
		settings.put("spawn.proxy.cluster.peers", peers);
		settings.put("spawn.proxy.cluster.heartbeat-interval", "300ms");
		settings.put("spawn.proxy.cluster.member-timeout", "2s");
		settings.put("spawn.proxy.state.lease-duration", LEASE.toSeconds() + "s");
		settings.put("spawn.proxy.shutdown.timeout", "20s");
		settings.put("management.endpoints.web.exposure.include", "health,cluster");
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
					Answer answer = add(member, "hot", null, 1);
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
			assertThat(read(member, "hot")).as("state read through %s", member.nodeId).isEqualTo(calls);
		}
		assertThat(this.host.received("hot", "add")).isEqualTo(calls);
		assertThat(this.host.maxConcurrent("hot")).as("calls of one actor inside the host at once").isEqualTo(1);
	}

	@Test
	@Order(2)
	void everyMemberNamesTheSameOwnerAndOnlyTheOwnerHoldsTheActor() {
		List<String> owners = this.members.stream().map((m) -> ownerOf(m, "hot")).distinct().toList();
		assertThat(owners).hasSize(1);
		ProxyProcess owner = member(owners.get(0));
		assertThat(activeOn(owner, "hot")).isTrue();
		for (ProxyProcess other : this.members) {
			if (other != owner) {
				assertThat(activeOn(other, "hot")).as("active on %s", other.nodeId).isFalse();
			}
		}
	}

	@Test
	@Order(2)
	void aDeletionOfTheStateSentToAMemberThatDoesNotOwnTheActorRunsOnTheOwner() throws Exception {
		String owner = ownerOf(this.members.get(0), "erase-me");
		ProxyProcess other = this.members.stream().filter((m) -> !m.nodeId.equals(owner)).findFirst().orElseThrow();
		assertThat(add(other, "erase-me", "counter", 5).value()).isEqualTo(5);
		assertThat(activeOn(member(owner), "erase-me")).isTrue();

		HttpResponse<byte[]> deleted = this.http.send(HttpRequest
			.newBuilder(URI.create(other.base() + "/api/v1/system/" + SYSTEM + "/actors/erase-me/state"))
			.timeout(Duration.ofSeconds(45))
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(deleted.statusCode()).as(InvocationResponse.parseFrom(deleted.body()).getStatus().getMessage())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> !activeOn(member(owner), "erase-me"));
		assertThat(add(other, "erase-me", "counter", 1).value()).as("the next call starts from no state").isEqualTo(1);
		for (ProxyProcess member : this.members) {
			assertThat(read(member, "erase-me")).as("state read through %s", member.nodeId).isEqualTo(1);
		}
	}

	@Test
	@Order(3)
	void delayedCallsScheduledThroughAnyMemberFireOnceEach() {
		long at = System.currentTimeMillis() + 1_500;
		for (int i = 0; i < 10; i++) {
			InvocationRequest request = call("p" + i, "ping", "pinger", null).toBuilder().setScheduledTo(at).build();
			assertThat(send(this.members.get(i % 3), request).status()).isEqualTo(200);
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
			assertThat(send(this.members.get(i % 3), call("l" + i, "hello", "listener", null)).status()).isEqualTo(200);
		}
		assertThat(send(this.members.get(0), call("speaker", "shout", null, null)).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> receivedNews() == 7);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> receivedNews() == 7);
		assertThat(this.host.received("radio", "receive")).isEqualTo(1);
		for (int i = 0; i < 6; i++) {
			assertThat(this.host.received("l" + i, "receive")).as("news received by l%d", i).isEqualTo(1);
		}
		assertThat(this.members.stream().map((m) -> ownerOf(m, "l0")).distinct()).hasSize(1);
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
			Answer answer = add(this.members.get(i % 3), "acct", "counter", 1);
			assertThat(answer.status()).isEqualTo(200);
			acknowledged++;
			assertThat(answer.value()).isEqualTo(acknowledged);
		}
		ProxyProcess owner = member(ownerOf(this.members.get(0), "acct"));
		List<ProxyProcess> survivors = this.members.stream().filter((m) -> m != owner).toList();
		long killedAt = System.nanoTime();
		owner.kill();
		Answer first = null;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		int attempts = 0;
		while (System.nanoTime() < deadline) {
			Answer answer = add(survivors.get(attempts++ % 2), "acct", "counter", 1);
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
		assertThat(read(survivors.get(0), "acct")).isEqualTo(acknowledged);
		assertThat(this.host.maxConcurrent("acct")).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> viewOf(survivors.get(0)).size() == 2);
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
						Answer answer = add(survivors.get(i++ % 2), actor, "counter", 1);
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
			register(dead);
			await().atMost(Duration.ofSeconds(30)).until(() -> survivors.stream().allMatch((m) -> viewOf(m).size() == 3));
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
			total += read(dead, actor);
		}
		assertThat(total).isEqualTo(acknowledged.get());
		assertThat(this.host.maxConcurrentOfAnyActor()).as("calls of one actor inside the host at once").isEqualTo(1);
		List<String> ownedByJoined = actors.stream().filter((a) -> ownerOf(dead, a).equals(dead.nodeId)).toList();
		assertThat(ownedByJoined).as("actors the joined member owns now").isNotEmpty();
		for (String actor : ownedByJoined) {
			// The old owner flushes and gives back the lease in the background: the joined member runs the actor
			// from the call after that on, whichever member the call enters at.
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				assertThat(add(survivors.get(0), actor, "counter", 0).status()).isEqualTo(200);
				assertThat(activeOn(dead, actor)).as("%s active on the joined member", actor).isTrue();
			});
			for (ProxyProcess survivor : survivors) {
				await().atMost(Duration.ofSeconds(15))
					.untilAsserted(() -> assertThat(activeOn(survivor, actor))
						.as("%s still active on %s after the handover", actor, survivor.nodeId)
						.isFalse());
			}
		}
	}

	@Test
	@Order(7)
	void anOwnerPausedPastItsLeaseCommitsNothingAndServesNoStaleStateWhenItResumes() throws Exception {
		for (int i = 0; i < 20; i++) {
			assertThat(add(this.members.get(i % 3), "sx", "counter", 1).status()).isEqualTo(200);
		}
		ProxyProcess owner = member(ownerOf(this.members.get(0), "sx"));
		List<ProxyProcess> others = this.members.stream().filter((m) -> m != owner).toList();
		owner.pause();
		try {
			long acknowledged = 20;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			int answered = 0;
			int i = 0;
			while (answered < 20 && System.nanoTime() < deadline) {
				Answer answer = add(others.get(i++ % 2), "sx", "counter", 1);
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
		assertThat(read(owner, "sx")).as("a read through the resumed member sees the committed state").isEqualTo(40);
		assertThat(add(owner, "sx", "counter", 1).value()).isEqualTo(41);
		for (ProxyProcess member : this.members) {
			assertThat(read(member, "sx")).isEqualTo(41);
		}
		assertThat(this.host.maxConcurrent("sx")).isEqualTo(1);
		assertThat(this.host.received("sx", "add")).as("every add reached the host once, none replayed").isEqualTo(41);
	}

	@Test
	@Order(8)
	void aGracefulLeaveUnderLoadGivesCallersNoServerError() throws Exception {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.members.stream().allMatch((m) -> viewOf(m).size() == 3));
		ProxyProcess leaving = member(ownerOf(this.members.get(0), "hot"));
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
						Answer answer = add(target, actor, "counter", 1);
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
			total += read(survivor, actor);
		}
		assertThat(total).isEqualTo(acknowledged.get());
		assertThat(read(survivor, "hot")).as("the leaving owner flushed and handed over").isEqualTo(10_000);
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

	private void register(ProxyProcess member) throws Exception {
		Registry.Builder registry = Registry.newBuilder();
		registry.putActors("hot", actor("hot", Kind.NAMED, true, "add").build());
		registry.putActors("counter", actor("counter", Kind.UNNAMED, true, "add").build());
		registry.putActors("pinger", actor("pinger", Kind.UNNAMED, false, "ping").build());
		registry.putActors("speaker", actor("speaker", Kind.NAMED, false, "shout").build());
		Actor.Builder listener = actor("listener", Kind.UNNAMED, false, "hello", "receive");
		listener.setMetadata(Metadata.newBuilder().addChannelGroup(Channel.newBuilder().setTopic("news")));
		registry.putActors("listener", listener.build());
		Actor.Builder radio = actor("radio", Kind.NAMED, false, "receive");
		radio.setMetadata(Metadata.newBuilder().addChannelGroup(Channel.newBuilder().setTopic("news")));
		registry.putActors("radio", radio.build());
		RegistrationRequest request = RegistrationRequest.newBuilder()
			.setServiceInfo(ServiceInfo.newBuilder().setServiceName("cluster-test").setProtocolMajorVersion(1))
			.setActorSystem(ActorSystem.newBuilder().setName(SYSTEM).setRegistry(registry))
			.build();
		HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(URI.create(member.base() + "/api/v1/system"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as("registration with %s", member.nodeId).isEqualTo(200);
	}

	private static Actor.Builder actor(String name, Kind kind, boolean writeThrough, String... actions) {
		Actor.Builder actor = Actor.newBuilder()
			.setId(ActorId.newBuilder().setName(name).setSystem(SYSTEM))
			.setSettings(ActorSettings.newBuilder()
				.setKind(kind)
				.setStateful(true)
				.setDeactivationStrategy(ActorDeactivationStrategy.newBuilder()
					.setTimeout(TimeoutStrategy.newBuilder().setTimeout(120_000))));
		if (writeThrough) {
			actor.setMetadata(Metadata.newBuilder().putTags("spawn.write-through", "true"));
		}
		for (String action : actions) {
			actor.addActions(Action.newBuilder().setName(action));
		}
		return actor;
	}

	private static InvocationRequest call(String actor, String action, String template, Long input) {
		InvocationRequest.Builder request = InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(SYSTEM))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setName(actor).setSystem(SYSTEM)))
			.setActionName(action);
		if (template != null) {
			request.setRegisterRef(template);
		}
		if (input != null) {
			request.setValue(Any.pack(Int64Value.of(input)));
		}
		else {
			request.setNoop(Noop.getDefaultInstance());
		}
		return request.build();
	}

	private Answer add(ProxyProcess member, String actor, String template, long by) {
		return send(member, call(actor, "add", template, by));
	}

	/** A call's HTTP status (-1 when the member did not accept the connection) and its Int64 value. */
	private Answer send(ProxyProcess member, InvocationRequest request) {
		try {
			HttpResponse<byte[]> response = this.http.send(HttpRequest
				.newBuilder(URI.create(member.base() + "/api/v1/system/" + SYSTEM + "/actors/"
						+ request.getActor().getId().getName() + "/invoke"))
				.timeout(Duration.ofSeconds(45))
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			InvocationResponse answer = InvocationResponse.parseFrom(response.body());
			long value = answer.hasValue() && answer.getValue().is(Int64Value.class)
					? answer.getValue().unpack(Int64Value.class).getValue() : -1;
			return new Answer(response.statusCode(), value, answer.getStatus().getMessage());
		}
		catch (IOException ex) {
			return new Answer(-1, -1, String.valueOf(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private long read(ProxyProcess member, String actor) {
		Answer answer = send(member, call(actor, "get", null, null));
		assertThat(answer.status()).as("read of %s through %s: %s", actor, member.nodeId, answer.message())
			.isEqualTo(200);
		return Math.max(0, answer.value());
	}

	private String ownerOf(ProxyProcess member, String actor) {
		Matcher owner = Pattern.compile("\"owner\":\"([^\"]+)\"").matcher(actuator(member, "/actuator/cluster/" + SYSTEM + "/" + actor));
		assertThat(owner.find()).isTrue();
		return owner.group(1);
	}

	private boolean activeOn(ProxyProcess member, String actor) {
		return actuator(member, "/actuator/cluster/" + SYSTEM + "/" + actor).contains("\"activeHere\":true");
	}

	private List<String> viewOf(ProxyProcess member) {
		String body = actuator(member, "/actuator/cluster");
		List<String> nodes = new ArrayList<>();
		Matcher node = Pattern.compile("\\{\"node\":\"([^\"]+)\",\"address\"").matcher(body);
		while (node.find()) {
			nodes.add(node.group(1));
		}
		return nodes;
	}

	private String actuator(ProxyProcess member, String path) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(member.base() + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private ProxyProcess member(String nodeId) {
		return this.members.stream().filter((m) -> m.nodeId.equals(nodeId)).findFirst().orElseThrow();
	}

	record Answer(int status, long value, String message) {
	}

}
