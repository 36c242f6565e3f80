package io.spawn.chart;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The proxies as a cluster: the peers Service, the peer port, discovery settings and, for {@code kubernetes}
 * discovery, RBAC and the ServiceAccount token.
 */
class ChartClusterTests {

	static final String POSTGRES = """
			database:
			  type: postgres
			  host: pg
			  existingSecret: shop-db
			""";

	static final String KUBERNETES = POSTGRES + """
			replicaCount: 3
			cluster:
			  discovery: kubernetes
			""";

	private static final String PEERS = RenderedChart.FULLNAME + "-peers";

	private static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

	private final RenderedChart chart = RenderedChart.render(KUBERNETES);

	@Test
	void peersServiceIsHeadlessAndReachesThePeerPortOfReadyPods() {
		Service peers = this.chart.get(Service.class, PEERS);
		ServicePort port = peers.getSpec().getPorts().getFirst();
		ContainerPort peerPort = port(this.chart.container("proxy"), "peer");

		assertThat(peers.getSpec().getClusterIP()).isEqualTo("None");
		assertThat(peers.getSpec().getPublishNotReadyAddresses()).isFalse();
		assertThat(peers.getSpec().getPorts()).hasSize(1);
		assertThat(port.getTargetPort().getStrVal()).isEqualTo("peer");
		assertThat(port.getPort()).isEqualTo(9990).isEqualTo(peerPort.getContainerPort());
		assertThat(this.chart.deployment().getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(peers.getSpec().getSelector());
	}

	@Test
	void tellsTheProxyHowToFindTheOtherMembers() {
		assertThat(this.chart.proxyEnvironment()).containsEntry("SPAWN_PROXY_CLUSTER_DISCOVERY", "kubernetes")
			.containsEntry("SPAWN_PROXY_CLUSTER_PORT", "9990")
			.containsEntry("SPAWN_PROXY_CLUSTER_KUBERNETES_SERVICENAME", PEERS)
			.containsEntry("SPAWN_PROXY_CLUSTER_KUBERNETES_NAMESPACE", RenderedChart.NAMESPACE)
			.containsEntry("SPAWN_PROXY_NODEID", RenderedChart.FULLNAME + "-abc12");
	}

	@Test
	void roleGrantsExactlyReadAccessToWhatDiscoveryWatches() {
		Role role = this.chart.get(Role.class, RenderedChart.FULLNAME);

		assertThat(role.getRules()).extracting(PolicyRule::getApiGroups, PolicyRule::getResources,
				PolicyRule::getVerbs, PolicyRule::getResourceNames)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple(List.of(""), List.of("pods", "services", "endpoints"),
							List.of("get", "list", "watch"), List.of()),
					org.assertj.core.groups.Tuple.tuple(List.of("discovery.k8s.io"), List.of("endpointslices"),
							List.of("get", "list", "watch"), List.of()));
	}

	@Test
	void roleBindingGivesTheRoleToTheServiceAccountThePodsRunAs() {
		RoleBinding binding = this.chart.get(RoleBinding.class, RenderedChart.FULLNAME);

		assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
		assertThat(binding.getRoleRef().getName()).isEqualTo(RenderedChart.FULLNAME);
		assertThat(binding.getSubjects()).singleElement().satisfies((subject) -> {
			assertThat(subject.getKind()).isEqualTo("ServiceAccount");
			assertThat(subject.getName()).isEqualTo(this.chart.pod().getServiceAccountName());
			assertThat(subject.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
		});
	}

	@Test
	void mountsTheTokenInTheProxyContainerOnly() {
		Volume volume = this.chart.pod().getVolumes().stream()
			.filter((candidate) -> candidate.getName().equals("kube-api-access"))
			.findFirst()
			.orElseThrow();

		assertThat(this.chart.pod().getAutomountServiceAccountToken()).isFalse();
		assertThat(volume.getProjected().getSources()).anySatisfy(
				(source) -> assertThat(source.getServiceAccountToken().getPath()).isEqualTo("token"));
		assertThat(mountPaths(this.chart.container("proxy"))).contains(TOKEN_PATH);
		assertThat(mountPaths(this.chart.container("app"))).doesNotContain(TOKEN_PATH);
	}

	@Test
	void dnsDiscoveryResolvesThePeersServiceWithoutRbacOrToken() {
		RenderedChart dns = RenderedChart.render(POSTGRES + "cluster:\n  discovery: dns\n");

		assertThat(dns.proxyEnvironment()).containsEntry("SPAWN_PROXY_CLUSTER_DISCOVERY", "dns")
			.containsEntry("SPAWN_PROXY_CLUSTER_DNS_NAME", PEERS + "." + RenderedChart.NAMESPACE + ".svc.cluster.local");
		assertThat(dns.has(Role.class)).isFalse();
		assertThat(dns.has(RoleBinding.class)).isFalse();
		assertThat(mountPaths(dns.container("proxy"))).doesNotContain(TOKEN_PATH);
		assertThat(dns.get(Service.class, PEERS).getSpec().getClusterIP()).isEqualTo("None");
	}

	@Test
	void staticDiscoveryPassesThePeersAndCreatesNoPeersService() {
		RenderedChart statics = RenderedChart.render(POSTGRES + """
				cluster:
				  discovery: static
				  staticPeers: ["a.example:9990", "b.example:9990"]
				""");

		assertThat(statics.proxyEnvironment()).containsEntry("SPAWN_PROXY_CLUSTER_PEERS",
				"a.example:9990,b.example:9990");
		assertThat(statics.all(Service.class)).extracting((service) -> service.getMetadata().getName())
			.doesNotContain(PEERS);
		assertThat(statics.container("proxy").getPorts()).extracting(ContainerPort::getName).contains("peer");
	}

	@Test
	void rbacCanBeLeftToTheUser() {
		RenderedChart chart = RenderedChart.render(KUBERNETES + "rbac:\n  create: false\n");

		assertThat(chart.has(Role.class)).isFalse();
		assertThat(mountPaths(chart.container("proxy"))).contains(TOKEN_PATH);
	}

	@Test
	void refusesAClusterOnH2() {
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.render("cluster:\n  discovery: dns\n"))
			.withMessageContaining("database.type=h2");
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.render("replicaCount: 2\n"))
			.withMessageContaining("database.type=h2");
	}

	@Test
	void refusesStaticDiscoveryWithoutPeers() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(POSTGRES + "cluster:\n  discovery: static\n"))
			.withMessageContaining("cluster.staticPeers");
	}

	@Test
	void refusesAGracePeriodTooShortForTheHandover() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(KUBERNETES + """
					terminationGracePeriodSeconds: 40
					proxy:
					  config:
					    shutdownTimeout: 1m
					"""))
			.withMessageContaining("terminationGracePeriodSeconds (40) must exceed")
			.withMessageContaining("(10s)")
			.withMessageContaining("(60s)");
		assertThat(RenderedChart.render(KUBERNETES + """
				terminationGracePeriodSeconds: 71
				proxy:
				  config:
				    shutdownTimeout: 1m
				""").pod().getTerminationGracePeriodSeconds()).isEqualTo(71);
	}

	private static ContainerPort port(Container container, String name) {
		return container.getPorts().stream()
			.filter((port) -> name.equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no port " + name + " on " + container.getName()));
	}

	private static List<String> mountPaths(Container container) {
		return container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
	}

	static Map<String, String> selector() {
		return Map.of("app.kubernetes.io/name", "spawn", "app.kubernetes.io/instance", RenderedChart.RELEASE);
	}

}
