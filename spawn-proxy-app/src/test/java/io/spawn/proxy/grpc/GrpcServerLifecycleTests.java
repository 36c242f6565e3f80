package io.spawn.proxy.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.StaticApplicationContext;

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
	void theFirstServiceAddedWhileRunningStartsTheServer() {
		GrpcServerLifecycle lifecycle = new GrpcServerLifecycle(0, List.of());
		lifecycle.start();

		lifecycle.addServices(List.of(ServerServiceDefinition.builder("spawn.proxytest.Empty").build()));
		try {
			assertThat(lifecycle.isRunning()).isTrue();
			assertThat(lifecycle.port()).isPositive();
		}
		finally {
			lifecycle.stop();
		}
		assertThat(lifecycle.isRunning()).isFalse();
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

	@Test
	void healthTurnsNotServingWhenTheApplicationCloses() throws InterruptedException {
		GrpcServerLifecycle lifecycle = new GrpcServerLifecycle(0,
				List.of(ServerServiceDefinition.builder("spawn.proxytest.Empty").build()));
		StaticApplicationContext context = new StaticApplicationContext();
		lifecycle.setApplicationContext(context);
		lifecycle.start();
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", lifecycle.port()).usePlaintext().build();
		try {
			HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
			assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
				.isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

			lifecycle.onApplicationEvent(new ContextClosedEvent(context));

			assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
				.isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
			assertThat(health.check(HealthCheckRequest.newBuilder().setService("spawn.proxytest.Empty").build())
				.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			lifecycle.stop();
		}
	}

}
