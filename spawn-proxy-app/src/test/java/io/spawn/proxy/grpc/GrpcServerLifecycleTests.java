package io.spawn.proxy.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ServerServiceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gRPC server takes its port only when there is a contract to serve.
 */
class GrpcServerLifecycleTests {

	@Test
	void withoutContractsTheServerDoesNotStart() {
		GrpcServerLifecycle lifecycle = new GrpcServerLifecycle(0, List.of());

		lifecycle.start();

		assertThat(lifecycle.isRunning()).isFalse();
		assertThat(lifecycle.port()).isEqualTo(-1);
	}

	@Test
	void withAContractTheServerListensAndStops() {
		GrpcServerLifecycle lifecycle = new GrpcServerLifecycle(0,
				List.of(ServerServiceDefinition.builder("spawn.proxytest.Empty").build()));

		lifecycle.start();
		try {
			assertThat(lifecycle.isRunning()).isTrue();
			assertThat(lifecycle.port()).isPositive();
		}
		finally {
			lifecycle.stop();
		}
		assertThat(lifecycle.isRunning()).isFalse();
	}

}
