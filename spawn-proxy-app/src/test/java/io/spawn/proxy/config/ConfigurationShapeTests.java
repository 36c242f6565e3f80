package io.spawn.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.autoconfigure.SpawnEmbeddedProperties;
import io.spawn.autoconfigure.SpawnProperties;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.state.jpa.PersistenceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * The embedded runtime ({@code spawn.embedded.*}) and the proxy ({@code spawn.proxy.*}) take the same settings
 * under the same nested names, with the defaults of the runtime and of the store.
 */
class ConfigurationShapeTests {

	/** Every shared key, relative to {@code spawn.embedded} and {@code spawn.proxy}, with a non-default value. */
	private static final Map<String, String> SHARED = Map.ofEntries(Map.entry("node-id", "n1"),
			Map.entry("runtime.idle-timeout", "7s"), Map.entry("runtime.snapshot-interval", "500ms"),
			Map.entry("runtime.call-timeout", "3s"), Map.entry("runtime.mailbox-capacity", "50"),
			Map.entry("runtime.max-activations", "60"), Map.entry("runtime.max-pool-size", "3"),
			Map.entry("state.history-retention", "4"), Map.entry("state.lease-duration", "9s"),
			Map.entry("state.history-trim-interval", "5s"), Map.entry("state.time-to-live.[shop/cart]", "7d"),
			Map.entry("state.purge-interval", "10m"), Map.entry("state.commit-slots", "2"),
			Map.entry("state.encryption.key", "k"), Map.entry("state.encryption.old-keys", "a,b"),
			Map.entry("shutdown.timeout", "4s"), Map.entry("cluster.discovery", "static"),
			Map.entry("cluster.peers", "h1:9990,h2:9990"), Map.entry("cluster.port", "9991"),
			Map.entry("cluster.bind-address", "10.0.0.1"), Map.entry("cluster.heartbeat-interval", "2s"),
			Map.entry("cluster.member-timeout", "8s"), Map.entry("cluster.advertise-address", "10.0.0.3"),
			Map.entry("cluster.kubernetes.namespace", "shop"), Map.entry("cluster.kubernetes.service-name", "p"),
			Map.entry("cluster.kubernetes.port-name", "gossip"), Map.entry("cluster.dns.name", "p.shop"),
			Map.entry("cluster.dns.polling-interval", "7s"), Map.entry("cluster.systems.billing.peers", "b1:9990,b2:9990"));

	@Test
	void defaultsOfBothAreTheRuntimesAndTheStoresDefaults() {
		SpawnEmbeddedProperties embedded = embedded(new MockEnvironment());
		SpawnProxyProperties proxy = proxy(new MockEnvironment());

		assertThat(new RuntimeConfiguration().runtimeSettings(proxy)).isEqualTo(RuntimeSettings.defaults());
		assertThat(new StatePersistenceConfiguration().persistenceSettings(proxy,
				new MockEnvironment().withProperty("HOSTNAME", "n")))
			.usingRecursiveComparison()
			.ignoringFields("encryption")
			.isEqualTo(PersistenceSettings.defaults("n"));
		assertThat(proxy.getShutdown().getTimeout()).isEqualTo(RuntimeSettings.DEFAULT_SHUTDOWN_TIMEOUT);
		assertSameShape(embedded, proxy);
	}

	@Test
	void sameNestedKeysBindTheSameValuesInBoth() {
		MockEnvironment environment = new MockEnvironment();
		SHARED.forEach((key, value) -> environment.withProperty("spawn.embedded." + key, value)
			.withProperty("spawn.proxy." + key, value));
		SpawnEmbeddedProperties embedded = embedded(environment);
		SpawnProxyProperties proxy = proxy(environment);

		assertThat(new RuntimeConfiguration().runtimeSettings(proxy)).isEqualTo(new RuntimeSettings(
				Duration.ofSeconds(7), Duration.ofMillis(500), Duration.ofSeconds(3), 50, 60, 3));
		assertThat(embedded.getNodeId()).isEqualTo(proxy.getNodeId()).isEqualTo("n1");
		assertThat(embedded.getState().getTimeToLive()).containsExactly(Map.entry("shop/cart", Duration.ofDays(7)));
		assertThat(embedded.getCluster().getPeers()).containsExactly("h1:9990", "h2:9990");
		assertThat(embedded.getCluster().getKubernetes().getServiceName()).isEqualTo("p");
		assertThat(proxy.getCluster().getDns().getPollingInterval()).isEqualTo(Duration.ofSeconds(7));
		assertThat(embedded.getCluster().getSystems().get("billing").getPeers())
			.isEqualTo(proxy.getCluster().getSystems().get("billing").getPeers())
			.containsExactly("b1:9990", "b2:9990");
		assertSameShape(embedded, proxy);
	}

	@Test
	void storeSettingsOfTheProxyReachItsPersistenceSettings() {
		SpawnProxyProperties proxy = proxy(new MockEnvironment()
			.withProperty("spawn.proxy.state.history-trim-interval", "5s")
			.withProperty("spawn.proxy.state.time-to-live.[shop/cart]", "7d")
			.withProperty("spawn.proxy.state.purge-interval", "10m")
			.withProperty("spawn.proxy.state.commit-slots", "2"));

		PersistenceSettings settings = new StatePersistenceConfiguration().persistenceSettings(proxy,
				new MockEnvironment());

		assertThat(settings.historyTrimInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.stateTimeToLive()).isEqualTo(Map.of("shop/cart", Duration.ofDays(7)));
		assertThat(settings.purgeInterval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(settings.commitSlots()).isEqualTo(2);
	}

	@Test
	void defaultsInTheConfigurationMetadataAreTheBoundDefaults() throws IOException {
		MockEnvironment fromMetadata = new MockEnvironment();
		for (URL url : Collections.list(getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				Map<String, Object> metadata = JsonParserFactory.getJsonParser()
					.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				for (Object entry : (List<?>) metadata.get("properties")) {
					Map<?, ?> property = (Map<?, ?>) entry;
					String name = (String) property.get("name");
					Object value = property.get("defaultValue");
					if (value != null && (name.startsWith("spawn.embedded.") || name.startsWith("spawn.proxy."))
							&& !(value instanceof List)) {
						fromMetadata.withProperty(name, String.valueOf(value));
					}
				}
			}
		}

		for (String key : List.of("runtime.idle-timeout", "runtime.max-pool-size", "state.lease-duration",
				"state.commit-slots", "shutdown.timeout", "cluster.member-timeout")) {
			assertThat(fromMetadata.containsProperty("spawn.embedded." + key)).as(key).isTrue();
			assertThat(fromMetadata.containsProperty("spawn.proxy." + key)).as(key).isTrue();
		}
		assertThat(embedded(fromMetadata)).usingRecursiveComparison().isEqualTo(embedded(new MockEnvironment()));
		assertThat(proxy(fromMetadata)).usingRecursiveComparison()
			.comparingOnlyFields("runtime", "state", "shutdown", "cluster")
			.isEqualTo(proxy(new MockEnvironment()));
	}

	/** Field by field, so that a setting missing from either side (or named differently) fails. */
	private static void assertSameShape(SpawnEmbeddedProperties embedded, SpawnProxyProperties proxy) {
		assertSameFields(embedded.getRuntime(), proxy.getRuntime());
		assertSameFields(embedded.getState(), proxy.getState());
		assertSameFields(embedded.getShutdown(), proxy.getShutdown());
		assertThat(embedded.getCluster()).usingRecursiveComparison()
			.ignoringFields("discovery")
			.isEqualTo(proxy.getCluster());
		assertThat(proxy.getCluster()).usingRecursiveComparison()
			.ignoringFields("discovery")
			.isEqualTo(embedded.getCluster());
		assertThat(embedded.getCluster().getDiscovery().name()).isEqualTo(proxy.getCluster().getDiscovery().name());
	}

	/** Both ways round: the comparison looks only at the fields of the actual object. */
	private static void assertSameFields(Object embedded, Object proxy) {
		assertThat(embedded).usingRecursiveComparison().isEqualTo(proxy);
		assertThat(proxy).usingRecursiveComparison().isEqualTo(embedded);
	}

	private static SpawnEmbeddedProperties embedded(MockEnvironment environment) {
		return Binder.get(environment).bindOrCreate("spawn", SpawnProperties.class).getEmbedded();
	}

	private static SpawnProxyProperties proxy(MockEnvironment environment) {
		return Binder.get(environment).bindOrCreate("spawn.proxy", SpawnProxyProperties.class);
	}

}
