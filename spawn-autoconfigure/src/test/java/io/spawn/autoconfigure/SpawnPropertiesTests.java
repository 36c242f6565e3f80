package io.spawn.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.state.jpa.PersistenceSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

/**
 * Defaults and binding of {@link SpawnProperties}' embedded group, and the runtime and store settings built from
 * it.
 */
class SpawnPropertiesTests {

	private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	@Test
	void embeddedDefaultsAreTheRuntimesAndTheStoresDefaults() {
		SpawnEmbeddedProperties embedded = bind(new MockEnvironment().withProperty("spawn.embedded.node-id", "n"))
			.getEmbedded();

		assertThat(EmbeddedModeConfiguration.runtimeSettings(embedded.getRuntime()))
			.isEqualTo(RuntimeSettings.defaults());
		PersistenceSettings settings = EmbeddedPersistenceConfiguration.persistenceSettings(embedded);
		assertThat(settings).usingRecursiveComparison()
			.ignoringFields("encryption")
			.isEqualTo(PersistenceSettings.defaults("n"));
		assertThat(embedded.getShutdown().getTimeout()).isEqualTo(RuntimeSettings.DEFAULT_SHUTDOWN_TIMEOUT);
		assertThat(embedded.isPersistent()).isTrue();
	}

	@Test
	void nestedRuntimeKeysReachTheRuntimeSettings() {
		SpawnEmbeddedProperties embedded = bind(new MockEnvironment()
			.withProperty("spawn.embedded.runtime.idle-timeout", "7s")
			.withProperty("spawn.embedded.runtime.snapshot-interval", "500ms")
			.withProperty("spawn.embedded.runtime.call-timeout", "3s")
			.withProperty("spawn.embedded.runtime.mailbox-capacity", "50")
			.withProperty("spawn.embedded.runtime.max-activations", "60")
			.withProperty("spawn.embedded.runtime.max-pool-size", "3")
			.withProperty("spawn.embedded.shutdown.timeout", "4s")).getEmbedded();

		assertThat(EmbeddedModeConfiguration.runtimeSettings(embedded.getRuntime())).isEqualTo(new RuntimeSettings(
				Duration.ofSeconds(7), Duration.ofMillis(500), Duration.ofSeconds(3), 50, 60, 3));
		assertThat(embedded.getShutdown().getTimeout()).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void nestedStateKeysReachThePersistenceSettings() {
		SpawnEmbeddedProperties embedded = bind(new MockEnvironment().withProperty("spawn.embedded.node-id", "n")
			.withProperty("spawn.embedded.state.history-retention", "3")
			.withProperty("spawn.embedded.state.lease-duration", "6s")
			.withProperty("spawn.embedded.state.history-trim-interval", "5s")
			.withProperty("spawn.embedded.state.time-to-live.[shop/cart]", "7d")
			.withProperty("spawn.embedded.state.purge-interval", "10m")
			.withProperty("spawn.embedded.state.commit-slots", "2")
			.withProperty("spawn.embedded.state.encryption.key", KEY)).getEmbedded();

		PersistenceSettings settings = EmbeddedPersistenceConfiguration.persistenceSettings(embedded);

		assertThat(settings.historyRetention()).isEqualTo(3);
		assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(6));
		assertThat(settings.historyTrimInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.stateTimeToLive()).isEqualTo(Map.of("shop/cart", Duration.ofDays(7)));
		assertThat(settings.purgeInterval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(settings.commitSlots()).isEqualTo(2);
		assertThat(settings.encryption().enabled()).isTrue();
	}

	private static SpawnProperties bind(MockEnvironment environment) {
		return Binder.get(environment).bindOrCreate("spawn", SpawnProperties.class);
	}

}
