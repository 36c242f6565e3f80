package io.spawn.chart;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract-first endpoints: the proxy's gRPC port on the container and the Service, and the descriptors volume.
 */
class ChartContractsTests {

	private final RenderedChart chart = RenderedChart.render("""
			contracts:
			  enabled: true
			  existingConfigMap: shop-contracts
			proxy:
			  containerPorts:
			    grpc: 9555
			""");

	@Test
	void exposesTheGrpcPortOnTheProxyAndTheService() {
		ContainerPort grpc = this.chart.container("proxy").getPorts().stream()
			.filter((port) -> "grpc".equals(port.getName()))
			.findFirst()
			.orElseThrow();
		ServicePort servicePort = this.chart.get(Service.class, RenderedChart.FULLNAME).getSpec().getPorts().stream()
			.filter((port) -> "grpc".equals(port.getName()))
			.findFirst()
			.orElseThrow();

		assertThat(grpc.getContainerPort()).isEqualTo(9555);
		assertThat(servicePort.getTargetPort().getStrVal()).isEqualTo("grpc");
		assertThat(servicePort.getPort()).isEqualTo(9980);
		assertThat(this.chart.proxyEnvironment()).containsEntry("SPAWN_PROXY_GRPC_ENABLED", "true")
			.containsEntry("SPAWN_PROXY_GRPC_PORT", "9555")
			.containsEntry("SPAWN_PROXY_GRPC_DESCRIPTORSDIR", "/descriptors");
	}

	@Test
	void mountsTheDescriptorSetsReadOnlyWhereTheProxyLooks() {
		assertThat(this.chart.container("proxy").getVolumeMounts()).anySatisfy((mount) -> {
			assertThat(mount.getName()).isEqualTo("contracts");
			assertThat(mount.getMountPath()).isEqualTo("/descriptors");
			assertThat(mount.getReadOnly()).isTrue();
		});
		assertThat(this.chart.pod().getVolumes()).anySatisfy((volume) -> {
			assertThat(volume.getName()).isEqualTo("contracts");
			assertThat(volume.getConfigMap().getName()).isEqualTo("shop-contracts");
		});
	}

	@Test
	void contractsFromTheRegistrationNeedNoVolume() {
		RenderedChart registrationOnly = RenderedChart.render("contracts:\n  enabled: true\n");

		assertThat(registrationOnly.pod().getVolumes()).noneMatch((volume) -> volume.getName().equals("contracts"));
		assertThat(registrationOnly.container("proxy").getPorts()).extracting(ContainerPort::getName)
			.contains("grpc");
	}

}
