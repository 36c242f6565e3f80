package io.spawn.proxy.grpc;

import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.util.MutableHandlerRegistry;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.log.LogAccessor;

/**
 * The proxy's gRPC server: the actor contracts as dynamic services, server reflection (v1) and the standard health
 * service. Health answers SERVING from start until the application begins to close (when the runtime drains), then
 * NOT_SERVING. With no actor contract there is nothing to serve, and the server does not start (nor takes its
 * port) until a registration brings one ({@link #addServices}).
 *
 * <p>
 * Contract services live in a {@link MutableHandlerRegistry}, which server reflection reads too, so that services
 * can be added while the server runs. It stops after the runtime has drained (a lower phase than
 * {@code RuntimeLifecycle}), so that calls in flight during the drain get the runtime's UNAVAILABLE rather than a
 * closed connection.
 */
public final class GrpcServerLifecycle
		implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(GrpcServerLifecycle.class));

	private final int port;

	private final List<ServerInterceptor> interceptors;

	/** TLS credentials, or null for plaintext. */
	private final @Nullable ServerCredentials credentials;

	/** The actor services by name, in the order they arrived. */
	private final Map<String, ServerServiceDefinition> services = new LinkedHashMap<>();

	private final MutableHandlerRegistry registry = new MutableHandlerRegistry();

	private final HealthStatusManager health = new HealthStatusManager();

	private volatile @Nullable Server server;

	private @Nullable ExecutorService executor;

	private @Nullable ApplicationContext context;

	/** Between start and stop of the lifecycle, whether or not the server runs. */
	private boolean active;

	GrpcServerLifecycle(int port, List<ServerServiceDefinition> services) {
		this(port, services, List.of());
	}

	GrpcServerLifecycle(int port, List<ServerServiceDefinition> services,
			List<? extends ServerInterceptor> interceptors) {
		this(port, services, interceptors, null);
	}

	GrpcServerLifecycle(int port, List<ServerServiceDefinition> services,
			List<? extends ServerInterceptor> interceptors, @Nullable ServerCredentials credentials) {
		this.port = port;
		this.credentials = credentials;
		this.interceptors = List.copyOf(interceptors);
		services.forEach((service) -> this.services.put(service.getServiceDescriptor().getName(), service));
	}

	/**
	 * Adds actor services, or replaces those of the same name, while the proxy runs (contracts a host sent at
	 * registration). Starts the server if it did not run for lack of contracts.
	 * @param added the services
	 */
	synchronized void addServices(List<ServerServiceDefinition> added) {
		for (ServerServiceDefinition service : added) {
			String name = service.getServiceDescriptor().getName();
			this.services.put(name, service);
			this.registry.addService(service);
			if (this.server != null) {
				this.health.setStatus(name, ServingStatus.SERVING);
			}
		}
		if (this.active && this.server == null && !this.services.isEmpty()) {
			startServer();
		}
	}

	@Override
	public synchronized void start() {
		this.active = true;
		if (this.services.isEmpty()) {
			logger.debug("No actor contracts: the gRPC server is not started");
			return;
		}
		startServer();
	}

	private void startServer() {
		this.services.values().forEach(this.registry::addService);
		ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
		NettyServerBuilder builder = (this.credentials != null)
				? NettyServerBuilder.forAddress(new InetSocketAddress(this.port), this.credentials)
				: NettyServerBuilder.forAddress(new InetSocketAddress(this.port));
		// intercept() puts the last one outermost: reversed, the first declared runs first.
		this.interceptors.reversed().forEach(builder::intercept);
		Server server = builder.executor(executor)
			.addService(ProtoReflectionServiceV1.newInstance())
			.addService(this.health.getHealthService())
			.fallbackHandlerRegistry(this.registry)
			.build();
		try {
			server.start();
		}
		catch (IOException ex) {
			executor.shutdownNow();
			throw new UncheckedIOException("Cannot start the gRPC server on port " + this.port
					+ " (spawn.proxy.grpc.port): " + ex.getMessage(), ex);
		}
		this.health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
		this.services.keySet().forEach((name) -> this.health.setStatus(name, ServingStatus.SERVING));
		this.server = server;
		this.executor = executor;
		logger.info(() -> "gRPC server on port " + server.getPort() + ((this.credentials != null) ? " (TLS)" : "")
				+ " with " + this.services.size()
				+ " actor contract service(s)");
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.health.enterTerminalState();
		}
	}

	@Override
	public synchronized void stop() {
		this.active = false;
		Server server = this.server;
		ExecutorService executor = this.executor;
		if (server == null || executor == null) {
			return;
		}
		this.server = null;
		this.executor = null;
		server.shutdown();
		try {
			if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
				server.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			server.shutdownNow();
		}
		executor.shutdownNow();
		this.services.values().forEach(this.registry::removeService);
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	/**
	 * The port the server listens on, the configured one or, for port 0, the one chosen.
	 * @return the port, or -1 when not running
	 */
	public int port() {
		Server server = this.server;
		return (server != null) ? server.getPort() : -1;
	}

}
