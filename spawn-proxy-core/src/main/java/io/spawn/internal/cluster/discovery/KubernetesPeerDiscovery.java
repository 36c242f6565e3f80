package io.spawn.internal.cluster.discovery;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.spawn.internal.cluster.ClusterConfigurationException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Candidates from the Kubernetes API: the ready endpoints of one Service in one namespace (the chart's headless
 * {@code <fullname>-peers}), read from its EndpointSlices through a fabric8 informer (ADR 0020). The informer
 * lists the slices once and then watches them, so a pod that stops being ready, or goes away, leaves the candidates
 * as soon as the endpoints controller says so, and {@link #watch} wakes the membership at each change.
 * <p>
 * The peer port of an endpoint is the slice's port named {@code portName} (the chart's {@code peer}), else the
 * member's configured peer port. While the API server cannot be reached, or refuses the list or the watch (a 403
 * when the Role is missing), {@link #peerAddresses()} throws, so that the membership keeps its last answer and
 * reports the problem; the informer retries by itself and the candidates follow again once it is back.
 */
public final class KubernetesPeerDiscovery implements PeerDiscovery {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(KubernetesPeerDiscovery.class));

	/** The label the endpoints controller puts on every EndpointSlice of a Service. */
	static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

	/** How long the watch may be down without a failure before it counts as a problem (a routine reconnect). */
	static final Duration RECONNECT_GRACE = Duration.ofSeconds(2);

	/** How often a down watch is probed for the reason. */
	static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);

	/** How long {@link #watch} waits for the first list before the member starts without it. */
	static final Duration FIRST_LIST_TIMEOUT = Duration.ofSeconds(10);

	private final KubernetesClient client;

	private final boolean closeClient;

	private final String namespace;

	private final String serviceName;

	private final String portName;

	private final int defaultPort;

	private final Duration firstListTimeout;

	private volatile @Nullable SharedIndexInformer<EndpointSlice> informer;

	/** The last failure the informer reported, until its watch runs again. */
	private volatile @Nullable String lastFailure;

	/** When the watch was first seen down, 0 while it runs. */
	private volatile long downSince;

	/** When the last probe of a down watch started, 0 before the first. */
	private volatile long probedAt;

	private final AtomicBoolean probing = new AtomicBoolean();

	/**
	 * @param client the client to read the API with
	 * @param closeClient whether {@link #close()} closes the client too
	 * @param namespace the Service's namespace
	 * @param serviceName the Service's name
	 * @param portName name of the peer port in the Service's ports (empty: always {@code defaultPort})
	 * @param defaultPort the peer port when the slice has no port of that name
	 */
	public KubernetesPeerDiscovery(KubernetesClient client, boolean closeClient, String namespace, String serviceName,
			String portName, int defaultPort) {
		this(client, closeClient, namespace, serviceName, portName, defaultPort, FIRST_LIST_TIMEOUT);
	}

	KubernetesPeerDiscovery(KubernetesClient client, boolean closeClient, String namespace, String serviceName,
			String portName, int defaultPort, Duration firstListTimeout) {
		this.firstListTimeout = firstListTimeout;
		this.client = client;
		this.closeClient = closeClient;
		this.namespace = namespace;
		this.serviceName = serviceName;
		this.portName = portName;
		this.defaultPort = defaultPort;
	}

	/**
	 * The discovery of a member that runs in a pod: a client configured as fabric8 configures itself (the mounted
	 * ServiceAccount token, which it reads again once rotated, and {@code KUBERNETES_SERVICE_HOST}; outside a pod
	 * {@code kubernetes.master} or a kubeconfig).
	 * @param namespace the Service's namespace; empty for the client's (in a pod, the pod's own)
	 * @throws ClusterConfigurationException when no namespace is configured and the client knows none
	 */
	static KubernetesPeerDiscovery inCluster(String prefix, String namespace, String serviceName, String portName,
			int defaultPort) {
		KubernetesClient client = new KubernetesClientBuilder().build();
		String inNamespace = namespace.isBlank() ? client.getNamespace() : namespace.strip();
		if (inNamespace == null || inNamespace.isBlank()) {
			client.close();
			throw new ClusterConfigurationException(prefix + ".cluster.kubernetes.namespace is empty and this process"
					+ " does not run in a pod", "Set it to the namespace of the Service "
							+ serviceName + " (the chart passes the release namespace).");
		}
		return new KubernetesPeerDiscovery(client, true, inNamespace, serviceName.strip(), portName.strip(),
				defaultPort);
	}

	/** Starts the informer and waits a little for its first list; without it the member starts all the same. */
	@Override
	public synchronized void watch(Runnable changed) {
		if (this.informer != null) {
			throw new IllegalStateException("already watching");
		}
		SharedIndexInformer<EndpointSlice> started = this.client.discovery()
			.v1()
			.endpointSlices()
			.inNamespace(this.namespace)
			.withLabel(SERVICE_NAME_LABEL, this.serviceName)
			.runnableInformer(0);
		started.exceptionHandler((running, failure) -> {
			this.lastFailure = describe(failure);
			return true; // keep retrying (with the client's back-off): the API server comes back, or the Role
		});
		started.addEventHandler(new ResourceEventHandler<EndpointSlice>() {

			@Override
			public void onAdd(EndpointSlice slice) {
				changed.run();
			}

			@Override
			public void onUpdate(EndpointSlice before, EndpointSlice after) {
				changed.run();
			}

			@Override
			public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
				changed.run();
			}

		});
		this.informer = started;
		try {
			started.start().toCompletableFuture().get(this.firstListTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			logger.warn(() -> "The endpoints of Service " + where() + " could not be listed within "
					 + this.firstListTimeout.toMillis() + " ms (" + problem() + "); the member starts without"
					+ " candidates and keeps trying");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The peer addresses of the ready endpoints, as the informer last saw them.
	 * @throws PeerDiscoveryException while the informer has not listed the endpoints yet, or its watch is down
	 */
	@Override
	public Set<String> peerAddresses() {
		SharedIndexInformer<EndpointSlice> current = this.informer;
		if (current == null) {
			throw new IllegalStateException("not watching yet");
		}
		if (!current.hasSynced()) {
			throw new PeerDiscoveryException("the endpoints of Service " + where() + " have not been listed yet ("
					+ problem() + ")");
		}
		if (current.isWatching()) {
			this.downSince = 0;
			this.lastFailure = null;
		}
		else {
			long now = System.nanoTime();
			if (this.downSince == 0) {
				this.downSince = now;
			}
			if (this.lastFailure != null || now - this.downSince > RECONNECT_GRACE.toNanos()) {
				probe(now);
				throw new PeerDiscoveryException("the watch on the endpoints of Service " + where() + " is down ("
						+ problem() + ")");
			}
		}
		return addresses(current.getStore().list());
	}

	/**
	 * Finds out why the watch is down, off the caller's thread: the informer reconnects its watch by itself without
	 * saying what the API server answered (refused connections, a 403), so one list request asks it, at most every
	 * few seconds.
	 */
	private void probe(long now) {
		if ((this.probedAt != 0 && now - this.probedAt < PROBE_INTERVAL.toNanos())
				|| !this.probing.compareAndSet(false, true)) {
			return;
		}
		this.probedAt = now;
		Thread.ofVirtual().name("spawn-kubernetes-probe").start(() -> {
			try {
				this.client.discovery()
					.v1()
					.endpointSlices()
					.inNamespace(this.namespace)
					.withLabel(SERVICE_NAME_LABEL, this.serviceName)
					.list(new ListOptionsBuilder().withLimit(1L).build());
			}
			catch (RuntimeException ex) {
				if (this.downSince != 0) {
					this.lastFailure = describe(ex);
				}
			}
			finally {
				this.probing.set(false);
			}
		});
	}

	/** The peer addresses of the ready endpoints of some slices. */
	Set<String> addresses(List<EndpointSlice> slices) {
		Set<String> addresses = new LinkedHashSet<>();
		for (EndpointSlice slice : slices) {
			int port = port(slice);
			for (Endpoint endpoint : (slice.getEndpoints() != null) ? slice.getEndpoints() : List.<Endpoint>of()) {
				if (ready(endpoint) && endpoint.getAddresses() != null && !endpoint.getAddresses().isEmpty()) {
					// Addresses of one endpoint are interchangeable; the API says consumers may use the first.
					addresses.add(PeerAddress.of(endpoint.getAddresses().getFirst(), port).toString());
				}
			}
		}
		return addresses;
	}

	private int port(EndpointSlice slice) {
		if (!this.portName.isEmpty() && slice.getPorts() != null) {
			for (EndpointPort port : slice.getPorts()) {
				if (this.portName.equals(port.getName()) && port.getPort() != null) {
					return port.getPort();
				}
			}
		}
		return this.defaultPort;
	}

	/** Ready, or of unknown readiness (which the API says to read as ready). */
	private static boolean ready(Endpoint endpoint) {
		EndpointConditions conditions = endpoint.getConditions();
		return conditions == null || conditions.getReady() == null || conditions.getReady();
	}

	private String where() {
		return this.namespace + "/" + this.serviceName;
	}

	private String problem() {
		String failure = this.lastFailure;
		return (failure != null) ? failure : "the API server does not answer";
	}

	private String describe(Throwable failure) {
		Throwable cause = failure;
		while (!(cause instanceof KubernetesClientException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof KubernetesClientException api && api.getCode() == 403) {
			return "403 Forbidden: the pod's ServiceAccount may not list and watch endpointslices in namespace '"
					+ this.namespace + "'; grant it the chart's Role (rbac.create), see docs/kubernetes.md";
		}
		if (cause instanceof KubernetesClientException api && api.getCode() > 0 && api.getStatus() != null) {
			return api.getCode() + " " + api.getStatus().getMessage();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	@Override
	public void close() {
		SharedIndexInformer<EndpointSlice> current = this.informer;
		if (current != null) {
			current.close();
		}
		if (this.closeClient) {
			this.client.close();
		}
	}

	@Override
	public String toString() {
		return "the ready endpoints of Service " + where() + " (port '" + this.portName + "', else "
				+ this.defaultPort + ")";
	}

}
