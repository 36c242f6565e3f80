package io.spawn.chart;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * values.schema.json refuses bad values before anything is rendered, naming the value.
 */
class ChartSchemaTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			'database: {type: mysql}'                         | database.type
			'cluster: {discovery: zookeeper}'                 | cluster.discovery
			'cluster: {staticPeers: [not a peer]}'            | cluster.staticPeers
			'cluster: {headlessService: {enabled: true}}'     | headlessService
			'proxy: {containerPorts: {peer: 70000}}'          | proxy.containerPorts.peer
			'proxy: {containerPorts: {grpc: "9980"}}'         | proxy.containerPorts.grpc
			'proxy: {config: {shutdownTimeout: soon}}'        | proxy.config.shutdownTimeout
			'replicas: 3'                                     | replicas
			'replicaCount: -1'                                | replicaCount
			'autoscaling: {hpa: {enabled: yes-please}}'       | autoscaling.hpa.enabled
			'autoscaling: {hpa: {minReplicas: 0}}'            | autoscaling.hpa.minReplicas
			'networkPolicy: {allowExternal: true}'            | allowExternal
			'networkPolicy: {extraIngress: [{from: []}]}'     | networkPolicy.extraIngress
			'rbac: {create: sometimes}'                       | rbac.create
			'contracts: {descriptorsDir: descriptors}'        | contracts.descriptorsDir
			'pdb: {minAvailable: most}'                       | pdb.minAvailable
			""")
	void refusesBadValues(String values, String named) {
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.template(values))
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageContaining(named);
	}

}
