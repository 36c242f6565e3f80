package io.spawn.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.internal.cluster.discovery.FakeApiServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scale-up, scale-down and a rolling update of proxy JVMs whose membership comes from a mock Kubernetes API server,
 * whose EndpointSlices change as a Deployment's pods would: a new pod is listed once it is ready, a leaving pod is
 * marked terminating before its SIGTERM and removed once it has exited. Each member has its own loopback address
 * (127.0.0.2 and up), as pods have their own IPs. Writers keep calling write-through counters through every live
 * member meanwhile: no acknowledged write may be lost, no actor may run twice at once, and the failed calls during
 * the changes are counted and reported.
 */
@Tag("cluster")
class KubernetesScalingIntegrationTests {

	private static final String SYSTEM = FakeApiServer.NAMESPACE;

	private static final String SLICE = "shop-spawn-peers-abc";

	private static final int COUNTERS = 12;

	private final FakeApiServer api = new FakeApiServer();

	private final ClusterTestClient client = new ClusterTestClient(SYSTEM);

	private final List<ProxyProcess> started = new ArrayList<>();

	/** The pods the EndpointSlice lists, by address, with whether they are ready. */
	private final Map<String, Boolean> endpoints = new LinkedHashMap<>();

	/** Members that take calls now. */
	private final List<ProxyProcess> live = new CopyOnWriteArrayList<>();

	private EmbeddedPostgres postgres;

	private CounterHost host;

	private int peerPort;

	@AfterEach
	void stop() throws Exception {
		for (ProxyProcess member : this.started) {
			member.close();
		}
		if (this.host != null) {
			this.host.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
		this.api.close();
	}

	private ProxyProcess pod(int n) throws Exception {
		String address = "127.0.0." + n;
		Map<String, String> settings = ProxyProcess.memberSettings(SYSTEM, this.host.port(), "localhost",
				this.postgres.getPort(), "");
		settings.remove("spawn.proxy.cluster.peers");
		settings.put("spawn.proxy.cluster.discovery", "kubernetes");
		settings.put("spawn.proxy.cluster.kubernetes.namespace", FakeApiServer.NAMESPACE);
		settings.put("spawn.proxy.cluster.kubernetes.service-name", FakeApiServer.SERVICE);
		settings.put("spawn.proxy.cluster.advertise-address", address);
		settings.put("spawn.proxy.cluster.bind-address", address);
		settings.put("spawn.proxy.state.lease-duration", "3s");
		settings.put("spawn.proxy.shutdown.timeout", "20s");
		ProxyProcess member = ProxyProcess.prepare("pod-" + n, ProxyProcess.freePort(), this.peerPort, settings)
			.withJvmOptions("-Dkubernetes.master=" + this.api.url(), "-Dkubernetes.auth.tryServiceAccount=false",
					"-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.namespace=" + FakeApiServer.NAMESPACE,
					"-Dkubernetes.watch.reconnectInterval=100");
		this.started.add(member);
		return member;
	}

	/** A pod starts, becomes ready, and is then listed in the peers Service, as the endpoints controller does. */
	private ProxyProcess scaleUp(int n) throws Exception {
		ProxyProcess member = pod(n).start();
		member.awaitReady(Duration.ofSeconds(180));
		this.client.register(member);
		this.endpoints.put("127.0.0." + n, true);
		publish();
		this.live.add(member);
		awaitViews();
		return member;
	}

	/** A pod is deleted: listed as terminating first, then SIGTERM (a graceful leave), then gone from the slice. */
	private void scaleDown(int n, ProxyProcess member) throws Exception {
		this.live.remove(member);
		this.endpoints.put("127.0.0." + n, false);
		publish();
		member.terminate(Duration.ofSeconds(60));
		this.endpoints.remove("127.0.0." + n);
		publish();
		awaitViews();
	}

	private void publish() {
		List<String> listed = new ArrayList<>();
		this.endpoints.forEach((address, ready) -> listed.add(ready ? address : address + "!"));
		this.api.slice(SLICE, this.peerPort, listed.toArray(String[]::new));
	}

	private void awaitViews() {
		long ready = this.endpoints.values().stream().filter((r) -> r).count();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (ProxyProcess member : this.live) {
				assertThat(this.client.viewOf(member)).as("view of %s", member.nodeId).hasSize((int) ready);
			}
		});
	}

	@Test
	void scaleUpScaleDownAndARollingUpdateLoseNoAcknowledgedWrite() throws Exception {
		this.postgres = EmbeddedPostgres.start();
		this.host = new CounterHost();
		this.peerPort = ProxyProcess.freePort();
		ProxyProcess two = scaleUp(2);
		ProxyProcess three = scaleUp(3);

		Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
		Map<String, AtomicLong> unanswered = new ConcurrentHashMap<>();
		AtomicInteger failed = new AtomicInteger();
		Map<Integer, AtomicInteger> failedByStatus = new ConcurrentHashMap<>();
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger sent = new AtomicInteger();
		List<Thread> writers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			int writer = w;
			writers.add(Thread.ofPlatform().start(() -> {
				int i = 0;
				while (writing.get()) {
					List<ProxyProcess> members = List.copyOf(this.live);
					ProxyProcess member = members.get((writer + i) % members.size());
					String counter = "c-" + ((writer * 7 + i) % COUNTERS);
					ClusterTestClient.Answer answer = this.client.add(member, counter, "counter", 1);
					sent.incrementAndGet();
					if (answer.status() == 200) {
						acknowledged.computeIfAbsent(counter, (k) -> new AtomicLong()).incrementAndGet();
					}
					else {
						failed.incrementAndGet();
						failedByStatus.computeIfAbsent(answer.status(), (k) -> new AtomicInteger()).incrementAndGet();
						unanswered.computeIfAbsent(counter, (k) -> new AtomicLong()).incrementAndGet();
					}
					i++;
				}
			}));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() > 200);

		ProxyProcess four = scaleUp(4);
		scaleDown(3, three);
		// A rolling update: the new pod joins before the old one leaves.
		ProxyProcess five = scaleUp(5);
		scaleDown(2, two);
		Thread.sleep(1_000);

		writing.set(false);
		for (Thread writer : writers) {
			writer.join(Duration.ofSeconds(60));
		}
		System.out.printf("Kubernetes scaling: %d calls, %d failed during the changes %s%n", sent.get(), failed.get(),
				failedByStatus);
		assertThat(acknowledged).isNotEmpty();
		for (Map.Entry<String, AtomicLong> entry : acknowledged.entrySet()) {
			long stored = this.client.read(four, entry.getKey());
			long mayHaveRun = unanswered.getOrDefault(entry.getKey(), new AtomicLong()).get();
			assertThat(stored).as("counter %s: acknowledged %s, unanswered %s", entry.getKey(), entry.getValue(),
					mayHaveRun)
				.isGreaterThanOrEqualTo(entry.getValue().get())
				.isLessThanOrEqualTo(entry.getValue().get() + mayHaveRun);
			assertThat(this.client.read(five, entry.getKey())).isEqualTo(stored);
		}
		assertThat(this.host.maxConcurrentOfAnyActor()).as("calls of one actor inside the host at once").isEqualTo(1);
		// The system keeps working through the changes: failures are the calls caught by a switch of owner.
		assertThat(failed.get()).as("failed calls (%s) of %s", failedByStatus, sent.get())
			.isLessThan(sent.get() / 4);
	}

}
