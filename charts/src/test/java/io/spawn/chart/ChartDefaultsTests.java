package io.spawn.chart;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart with its defaults: one pod, H2, no cluster, secure containers.
 */
class ChartDefaultsTests {

	private static final Map<String, String> SELECTOR = Map.of("app.kubernetes.io/name", "spawn",
			"app.kubernetes.io/instance", RenderedChart.RELEASE);

	private final RenderedChart chart = RenderedChart.render("");

	@Test
	void everyObjectCarriesTheStandardLabelsInTheReleaseNamespace() {
		assertThat(this.chart.objects()).isNotEmpty().allSatisfy((object) -> {
			assertThat(object.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
			assertThat(object.getMetadata().getLabels()).containsAllEntriesOf(SELECTOR)
				.containsKeys("helm.sh/chart", "app.kubernetes.io/version", "app.kubernetes.io/managed-by");
		});
	}

	@Test
	void selectorsUseOnlyNameAndInstanceAndMatchThePods() {
		Map<String, String> podLabels = this.chart.deployment().getSpec().getTemplate().getMetadata().getLabels();
		Map<String, String> deploymentSelector = this.chart.deployment().getSpec().getSelector().getMatchLabels();
		Map<String, String> serviceSelector = this.chart.get(Service.class, RenderedChart.FULLNAME)
			.getSpec()
			.getSelector();
		Map<String, String> budgetSelector = this.chart.get(PodDisruptionBudget.class, RenderedChart.FULLNAME)
			.getSpec()
			.getSelector()
			.getMatchLabels();

		assertThat(List.of(deploymentSelector, serviceSelector, budgetSelector))
			.allSatisfy((selector) -> assertThat(selector).isEqualTo(SELECTOR));
		assertThat(podLabels).containsAllEntriesOf(SELECTOR);
	}

	@Test
	void runsOnePodWithTheAppAndTheProxy() {
		assertThat(this.chart.deployment().getSpec().getReplicas()).isEqualTo(1);
		assertThat(this.chart.pod().getContainers()).extracting(Container::getName).containsExactly("app", "proxy");
	}

	@Test
	void probesPointAtSpringBootHealthGroupsOnDeclaredPorts() {
		for (String name : List.of("app", "proxy")) {
			Container container = this.chart.container(name);
			Set<String> declaredPorts = Set.copyOf(container.getPorts().stream().map(ContainerPort::getName).toList());
			assertThat(path(container.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
			assertThat(path(container.getStartupProbe())).isEqualTo("/actuator/health/liveness");
			assertThat(path(container.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
			assertThat(Stream.of(container.getLivenessProbe(), container.getReadinessProbe(),
					container.getStartupProbe()))
				.allSatisfy((probe) -> assertThat(declaredPorts)
					.contains(probe.getHttpGet().getPort().getStrVal()));
		}
	}

	@Test
	void containersRunAsNonRootOnReadOnlyFilesystemsWithoutCapabilities() {
		for (String name : List.of("app", "proxy")) {
			SecurityContext context = this.chart.container(name).getSecurityContext();
			assertThat(context.getRunAsNonRoot()).isTrue();
			assertThat(context.getRunAsUser()).isNotZero();
			assertThat(context.getReadOnlyRootFilesystem()).isTrue();
			assertThat(context.getAllowPrivilegeEscalation()).isFalse();
			assertThat(context.getPrivileged()).isFalse();
			assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
			assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		}
	}

	@Test
	void mountsNoServiceAccountTokenAndCreatesNoClusterObjects() {
		assertThat(this.chart.pod().getAutomountServiceAccountToken()).isFalse();
		assertThat(this.chart.get(ServiceAccount.class, RenderedChart.FULLNAME).getAutomountServiceAccountToken())
			.isFalse();
		assertThat(this.chart.pod().getVolumes()).noneMatch((volume) -> volume.getProjected() != null);
		assertThat(this.chart.has(Role.class)).isFalse();
		assertThat(this.chart.has(RoleBinding.class)).isFalse();
		assertThat(this.chart.has(HorizontalPodAutoscaler.class)).isFalse();
		assertThat(this.chart.has(NetworkPolicy.class)).isFalse();
		assertThat(this.chart.all(Service.class)).extracting((service) -> service.getMetadata().getName())
			.containsExactly(RenderedChart.FULLNAME);
	}

	@Test
	void listsNeitherThePeerNorTheGrpcPortAndTurnsContractsOff() {
		assertThat(this.chart.container("proxy").getPorts()).extracting(ContainerPort::getName)
			.containsExactly("proxy-http");
		assertThat(this.chart.proxyEnvironment()).containsEntry("SPAWN_PROXY_GRPC_ENABLED", "false")
			.containsEntry("SPAWN_PROXY_CLUSTER_DISCOVERY", "none")
			.doesNotContainKey("SPAWN_PROXY_CLUSTER_PORT");
	}

	@Test
	void keepsTheHostEndpointOffTheContainerPortsAndOnLoopback() {
		assertThat(this.chart.container("app").getPorts()).extracting(ContainerPort::getContainerPort)
			.containsExactly(8080);
		assertThat(this.chart.proxyEnvironment()).containsEntry("USER_FUNCTION_HOST", "127.0.0.1")
			.containsEntry("USER_FUNCTION_PORT", "8090");
		assertThat(this.chart.container("app").getEnv())
			.anySatisfy((variable) -> {
				assertThat(variable.getName()).isEqualTo("SPAWN_SIDECAR_HOSTADDRESS");
				assertThat(variable.getValue()).isEqualTo("127.0.0.1");
			});
	}

	@Test
	void budgetAllowsOnePodToGoAndEvictsUnhealthyPods() {
		PodDisruptionBudget budget = this.chart.get(PodDisruptionBudget.class, RenderedChart.FULLNAME);

		assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
		assertThat(budget.getSpec().getMinAvailable()).isNull();
		assertThat(budget.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
	}

	@Test
	void gracePeriodCoversTheProxysPreStopSleepAndDrain() {
		long preStop = this.chart.container("proxy").getLifecycle().getPreStop().getSleep().getSeconds();
		long drain = java.time.Duration.parse("PT" + this.chart.proxyEnvironment()
			.get("SPAWN_PROXY_SHUTDOWN_TIMEOUT")
			.toUpperCase()).toSeconds();

		assertThat(this.chart.pod().getTerminationGracePeriodSeconds()).isGreaterThan(preStop + drain);
		// Both containers get SIGTERM together: an application stopped first would close the host endpoint
		// while the proxy still runs calls.
		assertThat(this.chart.container("app").getLifecycle().getPreStop().getSleep().getSeconds())
			.isEqualTo(preStop);
	}

	@Test
	void configMapChecksumIsOnThePodTemplate() {
		assertThat(this.chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
			.hasEntrySatisfying("checksum/config", (checksum) -> assertThat(checksum).matches("[0-9a-f]{64}"));
	}

	private static String path(Probe probe) {
		return probe.getHttpGet().getPath();
	}


}
