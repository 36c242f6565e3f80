package io.spawn.chart;

import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicy: only members of the same actor system reach the peer port, nothing outside the pod reaches
 * the host endpoint.
 */
class ChartNetworkPolicyTests {

	private static final String POLICY = ChartClusterTests.KUBERNETES + """
			contracts:
			  enabled: true
			networkPolicy:
			  enabled: true
			""";

	private final RenderedChart chart = RenderedChart.render(POLICY);

	private final NetworkPolicy policy = this.chart.get(NetworkPolicy.class, RenderedChart.FULLNAME);

	@Test
	void selectsThisReleasesPodsAndRestrictsIngress() {
		assertThat(this.policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(ChartClusterTests.selector());
		assertThat(this.policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
	}

	@Test
	void everyRuleNamesItsPortsAndEachNamedPortExistsInThePod() {
		List<String> podPorts = this.chart.pod().getContainers().stream()
			.flatMap((container) -> container.getPorts().stream())
			.map(ContainerPort::getName)
			.toList();

		assertThat(this.policy.getSpec().getIngress()).allSatisfy((rule) -> assertThat(rule.getPorts()).isNotEmpty());
		assertThat(this.policy.getSpec().getIngress()).flatExtracting(NetworkPolicyIngressRule::getPorts)
			.allSatisfy((port) -> assertThat(podPorts).contains(port.getPort().getStrVal()));
	}

	@Test
	void onlyMembersOfTheSameSystemReachThePeerPort() {
		NetworkPolicyIngressRule peer = rule("peer");

		assertThat(peer.getFrom()).singleElement().satisfies((from) -> {
			assertThat(from.getPodSelector().getMatchLabels()).isEqualTo(ChartClusterTests.selector());
			assertThat(from.getNamespaceSelector()).isNull();
			assertThat(from.getIpBlock()).isNull();
		});
	}

	@Test
	void noRuleAdmitsTheHostEndpointOrTheProxysHttpPort() {
		List<Object> admitted = this.policy.getSpec().getIngress().stream()
			.flatMap((rule) -> rule.getPorts().stream())
			.map(NetworkPolicyPort::getPort)
			.map((port) -> (Object) (port.getStrVal() != null ? port.getStrVal() : port.getIntVal()))
			.toList();

		assertThat(admitted).containsExactlyInAnyOrder("http", "grpc", "peer").doesNotContain(8090, 9001);
	}

	@Test
	void applicationAndContractPortsAdmitAnySourceByDefault() {
		assertThat(rule("http").getFrom()).isEmpty();
		assertThat(rule("grpc").getFrom()).isEmpty();
	}

	@Test
	void proxyHttpPortAdmitsOnlyTheListedSources() {
		NetworkPolicy withPrometheus = RenderedChart.render(POLICY + """
				  proxyHttp:
				    from:
				      - namespaceSelector:
				          matchLabels:
				            kubernetes.io/metadata.name: monitoring
				""").get(NetworkPolicy.class, RenderedChart.FULLNAME);

		assertThat(withPrometheus.getSpec().getIngress()).filteredOn((rule) -> hasPort(rule, "proxy-http"))
			.singleElement()
			.satisfies((rule) -> assertThat(rule.getFrom()).singleElement()
				.satisfies((from) -> assertThat(from.getNamespaceSelector().getMatchLabels())
					.containsEntry("kubernetes.io/metadata.name", "monitoring")));
	}

	private NetworkPolicyIngressRule rule(String port) {
		return this.policy.getSpec().getIngress().stream()
			.filter((rule) -> hasPort(rule, port))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no rule for port " + port));
	}

	private static boolean hasPort(NetworkPolicyIngressRule rule, String name) {
		return rule.getPorts().stream().anyMatch((port) -> name.equals(port.getPort().getStrVal()));
	}

}
