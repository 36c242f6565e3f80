package io.spawn.internal.cluster.discovery;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * A Kubernetes API server for tests: fabric8's mock server in CRUD mode (objects created through it are listed
 * and watched as a real server would), on one port on the loopback interface. It can be stopped and started again
 * on the same port (the objects stay), and made to answer every request with 403 Forbidden, as a server whose
 * Role is missing does. Stopping or forbidding closes the open watches, so that clients reconnect.
 */
public final class FakeApiServer implements AutoCloseable {

	public static final String NAMESPACE = "shop";

	public static final String SERVICE = "shop-spawn-peers";

	private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();

	private volatile boolean forbidden;

	private final Dispatcher dispatcher = new Dispatcher() {

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			if (FakeApiServer.this.forbidden) {
				return new MockResponse().setResponseCode(403)
					.setHeader("Content-Type", "application/json")
					.setBody(Serialization.asJson(new StatusBuilder().withApiVersion("v1")
						.withKind("Status")
						.withStatus("Failure")
						.withReason("Forbidden")
						.withCode(403)
						.withMessage("endpointslices.discovery.k8s.io is forbidden: User"
								+ " \"system:serviceaccount:shop:shop-spawn\" cannot list resource \"endpointslices\"")
						.build()));
			}
			return FakeApiServer.this.crud.dispatch(request);
		}

	};

	private int port;

	private KubernetesMockServer server;

	private final KubernetesClient admin;

	public FakeApiServer() {
		start(0);
		this.port = this.server.getPort();
		this.admin = new KubernetesClientBuilder().withConfig(config()).build();
	}

	private void start(int onPort) {
		this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), this.dispatcher,
				false);
		try {
			this.server.init(InetAddress.getByName("127.0.0.1"), onPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** A client configuration for this server, reconnecting quickly. */
	public Config config() {
		return new ConfigBuilder(Config.empty()).withMasterUrl(url())
			.withNamespace(NAMESPACE)
			.withWatchReconnectInterval(100)
			.withWatchReconnectLimit(-1)
			.withRequestTimeout(10_000)
			.withConnectionTimeout(1_000)
			.build();
	}

	/** A client as a member would have one. */
	public KubernetesClient client() {
		return new KubernetesClientBuilder().withConfig(config()).build();
	}

	/** The server goes away: connections are refused. */
	public void stop() {
		this.server.destroy();
	}

	/** The server comes back on the same port, with the same objects. */
	public void restart() {
		start(this.port);
	}

	/** Every request is answered 403 Forbidden from now on; open watches are closed. */
	public void forbid() {
		this.forbidden = true;
		stop();
		restart();
	}

	public void allow() {
		this.forbidden = false;
		stop();
		restart();
	}

	/**
	 * Creates or replaces the EndpointSlice {@code name} of a Service.
	 * @param endpoints each {@code ip} (ready) or {@code ip!} (not ready)
	 */
	public void slice(String service, String name, String portName, int port, String... endpoints) {
		EndpointSliceBuilder slice = new EndpointSliceBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(NAMESPACE)
			.addToLabels(KubernetesPeerDiscovery.SERVICE_NAME_LABEL, service)
			.endMetadata()
			.withAddressType("IPv4")
			.addNewPort()
			.withName(portName)
			.withPort(port)
			.withProtocol("TCP")
			.endPort();
		for (String endpoint : endpoints) {
			boolean ready = !endpoint.endsWith("!");
			slice.addToEndpoints(new EndpointBuilder().withAddresses(endpoint.replace("!", ""))
				.withNewConditions()
				.withReady(ready)
				.withServing(ready)
				.withTerminating(!ready)
				.endConditions()
				.build());
		}
		this.admin.discovery().v1().endpointSlices().inNamespace(NAMESPACE).resource(slice.build()).createOr(
				(existing) -> existing.update());
	}

	public void slice(String name, int port, String... endpoints) {
		slice(SERVICE, name, "peer", port, endpoints);
	}

	public void deleteSlice(String name) {
		this.admin.discovery().v1().endpointSlices().inNamespace(NAMESPACE).withName(name).delete();
	}

	public List<EndpointSlice> slices() {
		return this.admin.discovery().v1().endpointSlices().inNamespace(NAMESPACE).list().getItems();
	}

	@Override
	public void close() {
		this.admin.close();
		this.server.destroy();
	}

}
