package io.spawn.autoconfigure;

import com.google.protobuf.ByteString;
import io.spawn.internal.model.ActorDispatcher;
import io.spawn.internal.model.ActorRegistrations;
import io.spawn.internal.sidecar.ActionsEndpoint;
import io.spawn.internal.sidecar.ProxyClient;
import io.spawn.protocol.auth.BearerToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;

/**
 * Opens the host endpoint the proxy calls, then registers the application's actors with the proxy, retrying with
 * backoff until the proxy answers. Readiness stays {@code REFUSING_TRAFFIC} until the registration is accepted.
 */
public final class SpawnSidecarLifecycle implements SmartLifecycle, ApplicationListener<AvailabilityChangeEvent<?>> {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(SpawnSidecarLifecycle.class));

	private final ProxyClient client;

	private final SpawnActors actors;

	private final Supplier<ActorDispatcher> dispatcher;

	private final SpawnProperties properties;

	private final String applicationName;

	private final ApplicationEventPublisher events;

	private final CountDownLatch registered = new CountDownLatch(1);

	private volatile @Nullable ActionsEndpoint endpoint;

	private volatile @Nullable Thread registration;

	private volatile boolean running;

	private ByteString contracts = ByteString.EMPTY;

	private final @Nullable BearerToken token;

	SpawnSidecarLifecycle(ProxyClient client, SpawnActors actors, Supplier<ActorDispatcher> dispatcher,
			SpawnProperties properties, String applicationName, ApplicationEventPublisher events,
			@Nullable BearerToken token) {
		this.token = token;
		this.client = client;
		this.actors = actors;
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.applicationName = applicationName;
		this.events = events;
	}

	@Override
	public void start() {
		SpawnSidecarProperties sidecar = this.properties.getSidecar();
		this.contracts = ContractDescriptors.read(sidecar.getContracts());
		ActorDispatcher built = this.dispatcher.get();
		try {
			ActionsEndpoint opened = new ActionsEndpoint(sidecar.getHostAddress(), sidecar.getHostPort(), () -> built,
					sidecar.getMaxRequestBytes(), this.token);
			opened.start();
			this.endpoint = opened;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the Spawn host endpoint on " + sidecar.getHostAddress() + ":"
					+ sidecar.getHostPort() + " (spawn.sidecar.host-port)", ex);
		}
		this.running = true;
		this.registration = Thread.ofVirtual().name("spawn-registration").start(this::register);
	}

	private void register() {
		registerUntilAccepted();
		// The proxy keeps registrations in memory: register again now and then, so that a restarted proxy
		// learns the actors without a restart of this application. Registration is idempotent.
		Duration interval = this.properties.getSidecar().getReregistrationInterval();
		while (this.running && !interval.isZero()) {
			try {
				Thread.sleep(interval);
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				this.client.register(registration());
			}
			catch (IOException ex) {
				logger.warn(() -> "Re-registration with the Spawn proxy failed: " + ex.getMessage());
			}
		}
	}

	private io.spawn.protocol.RegistrationRequest registration() {
		return ActorRegistrations.of(this.properties.getSystem(), this.actors.models(), this.applicationName,
				this.contracts);
	}

	private void registerUntilAccepted() {
		SpawnSidecarProperties sidecar = this.properties.getSidecar();
		Duration backoff = sidecar.getRegistrationBackoff();
		var request = registration();
		while (this.running) {
			try {
				this.client.register(request);
				this.registered.countDown();
				AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
				logger.info(() -> "Registered " + this.actors.models().all().size() + " actors with the Spawn proxy at "
						+ sidecar.getProxyUrl());
				return;
			}
			catch (IOException ex) {
				Duration wait = backoff;
				logger.warn(() -> "Registration with the Spawn proxy at " + sidecar.getProxyUrl() + " failed ("
						+ ex.getMessage() + "); retrying in " + wait.toMillis() + " ms");
			}
			try {
				if (this.registered.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
					return;
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			backoff = backoff.multipliedBy(2);
			if (backoff.compareTo(sidecar.getRegistrationMaxBackoff()) > 0) {
				backoff = sidecar.getRegistrationMaxBackoff();
			}
		}
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && event.getSource() != this && !isRegistered()) {
			// Boot marks the app ready once started; it is not ready for traffic until the proxy knows its actors.
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		}
	}

	/**
	 * Whether the proxy accepted the registration.
	 * @return whether registered
	 */
	public boolean isRegistered() {
		return this.registered.getCount() == 0;
	}

	/**
	 * Waits for the registration.
	 * @param timeout how long to wait
	 * @return whether registered in time
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitRegistration(Duration timeout) throws InterruptedException {
		return this.registered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Port of the host endpoint.
	 * @return the port
	 */
	public int hostPort() {
		ActionsEndpoint current = this.endpoint;
		return (current != null) ? current.port() : -1;
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.registration;
		if (thread != null) {
			thread.interrupt();
		}
		ActionsEndpoint current = this.endpoint;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SpawnEmbeddedLifecycle.PHASE;
	}

}
