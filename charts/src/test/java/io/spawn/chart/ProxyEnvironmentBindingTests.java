package io.spawn.chart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy container's rendered environment (its ConfigMap and env) bound as the proxy binds it: upstream aliases
 * through {@code UpstreamEnvironmentPostProcessor}, everything through Spring Boot's relaxed binding into
 * {@code SpawnProxyProperties}. Every variable must set a real key, and the values must arrive.
 * <p>
 * The proxy's classes are on the test runtime classpath only (its jar is repackaged, see the module's pom.xml), so
 * they are loaded by name and read through a {@link BeanWrapper}.
 */
class ProxyEnvironmentBindingTests {

	private static final String PROPERTIES_CLASS = "io.spawn.proxy.config.SpawnProxyProperties";

	private static final String ALIASES_CLASS = "io.spawn.proxy.config.UpstreamEnvironmentPostProcessor";

	private static final String ALIASES_SOURCE = "spawnUpstreamEnvironmentAliases";

	/** Variables the JVM reads, not Spring. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	private static final Map<String, String> VALUE_SETS = Map.of(
			"defaults", "",
			"postgres", ChartClusterTests.POSTGRES + """
					encryption:
					  enabled: true
					  existingSecret: shop-key
					  existingSecretOldKeysKey: old
					""",
			"kubernetes", ChartClusterTests.KUBERNETES,
			"dns", ChartClusterTests.POSTGRES + "cluster:\n  discovery: dns\n",
			"static", ChartClusterTests.POSTGRES + "cluster:\n  discovery: static\n  staticPeers: [\"a:9990\", \"b:9990\"]\n",
			"hpa", ChartClusterTests.KUBERNETES + "autoscaling:\n  hpa:\n    enabled: true\n",
			"contracts", "contracts:\n  enabled: true\n");

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "defaults", "postgres", "kubernetes", "dns", "static", "hpa", "contracts" })
	void everyVariableSetsAKeyOfTheProxy(String valueSet) {
		Map<String, String> environment = RenderedChart.render(VALUE_SETS.get(valueSet)).proxyEnvironment();
		Set<String> keys = proxyKeys();

		assertThat(environment).isNotEmpty().allSatisfy((name, value) -> {
			if (JVM_VARIABLES.contains(name)) {
				return;
			}
			Optional<String> key = upstreamAlias(name, value).or(() -> keyOf(name, value, keys));
			assertThat(key).as("%s sets a spawn.proxy key (upstream alias or relaxed binding)", name)
				.isPresent();
		});
	}

	@Test
	void aMisspeltVariableSetsNoKey() {
		assertThat(keyOf("SPAWN_PROXY_HTTP_PROT", "9001", proxyKeys())).isEmpty();
		assertThat(upstreamAlias("PROXY_HTTP_PROT", "9001")).isEmpty();
		assertThat(keyOf("SPAWN_PROXY_HTTP_PORT", "9001", proxyKeys())).contains("spawn.proxy.http.port");
		assertThat(upstreamAlias("PROXY_HTTP_PORT", "9001")).contains("spawn.proxy.http.port");
	}

	@Test
	void valuesReachTheProxysProperties() {
		BeanWrapper properties = bind(RenderedChart.render("""
				actorSystem: shop
				terminationGracePeriodSeconds: 90
				app:
				  hostPort: 8191
				contracts:
				  enabled: true
				  descriptorsDir: /contracts
				proxy:
				  dataDir: /var/spawn
				  containerPorts:
				    http: 9101
				    grpc: 9555
				  config:
				    shutdownTimeout: 45s
				    leaseDuration: 20s
				    historyRetention: 5
				database:
				  maxPoolSize: 7
				""").proxyEnvironment());

		assertThat(properties.getPropertyValue("actorSystem")).isEqualTo("shop");
		assertThat(properties.getPropertyValue("http.port")).isEqualTo(9101);
		assertThat(properties.getPropertyValue("host.host")).isEqualTo("127.0.0.1");
		assertThat(properties.getPropertyValue("host.port")).isEqualTo(8191);
		assertThat(properties.getPropertyValue("grpc.enabled")).isEqualTo(true);
		assertThat(properties.getPropertyValue("grpc.port")).isEqualTo(9555);
		assertThat(properties.getPropertyValue("grpc.descriptorsDir")).isEqualTo(Path.of("/contracts"));
		assertThat(properties.getPropertyValue("dataDir")).isEqualTo(Path.of("/var/spawn"));
		assertThat(properties.getPropertyValue("shutdown.timeout")).isEqualTo(Duration.ofSeconds(45));
		assertThat(properties.getPropertyValue("state.leaseDuration")).isEqualTo(Duration.ofSeconds(20));
		assertThat(properties.getPropertyValue("state.historyRetention")).isEqualTo(5);
		assertThat(properties.getPropertyValue("database.maxPoolSize")).isEqualTo(7);
		assertThat(properties.getPropertyValue("nodeId")).isEqualTo(RenderedChart.FULLNAME + "-abc12");
	}

	@Test
	void defaultsTurnContractsOffAndKeepTheProxysPorts() {
		RenderedChart chart = RenderedChart.render("");
		BeanWrapper properties = bind(chart.proxyEnvironment());

		assertThat(properties.getPropertyValue("grpc.enabled")).isEqualTo(false);
		assertThat(properties.getPropertyValue("http.port")).isEqualTo(chart.container("proxy").getPorts().getFirst()
			.getContainerPort());
		assertThat(properties.getPropertyValue("host.port")).isEqualTo(8090);
		assertThat(properties.getPropertyValue("database.type")).hasToString("H2");
	}

	@Test
	void databaseAndEncryptionSecretsArriveFromTheirSecrets() {
		BeanWrapper properties = bind(RenderedChart.render(VALUE_SETS.get("postgres")).proxyEnvironment());

		assertThat(properties.getPropertyValue("database.type")).hasToString("POSTGRES");
		assertThat(properties.getPropertyValue("database.host")).isEqualTo("pg");
		assertThat(properties.getPropertyValue("database.secret")).isEqualTo(RenderedChart.FROM_ELSEWHERE);
		assertThat(properties.getPropertyValue("state.encryption.key")).isEqualTo(RenderedChart.FROM_ELSEWHERE);
		assertThat(properties.getPropertyValue("state.encryption.oldKeys")).isEqualTo(List.of(RenderedChart.FROM_ELSEWHERE));
	}

	/** Binds an environment exactly as the proxy starts with it: the aliases first, then relaxed binding. */
	static BeanWrapper bind(Map<String, String> variables) {
		StandardEnvironment environment = environmentOf(variables);
		aliases().postProcessEnvironment(environment, new SpringApplication());
		Object properties = Binder.get(environment).bind("spawn.proxy", Bindable.of(proxyClass(PROPERTIES_CLASS))).get();
		return PropertyAccessorFactory.forBeanPropertyAccess(properties);
	}

	private static EnvironmentPostProcessor aliases() {
		try {
			// The proxy's post-processor logs what it maps through Boot's deferred log factory.
			org.springframework.boot.logging.DeferredLogFactory logs = (supplier) -> supplier.get();
			return (EnvironmentPostProcessor) proxyClass(ALIASES_CLASS)
				.getConstructor(org.springframework.boot.logging.DeferredLogFactory.class)
				.newInstance(logs);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Class<?> proxyClass(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new AssertionError("spawn-proxy-app's classes are not on the test classpath: " + name, ex);
		}
	}

	private static StandardEnvironment environmentOf(Map<String, String> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Collections.unmodifiableMap(new java.util.HashMap<String, Object>(variables))));
		return environment;
	}

	/** The key an upstream variable sets, found by running the proxy's post-processor on it alone. */
	private static Optional<String> upstreamAlias(String name, String value) {
		StandardEnvironment environment = environmentOf(Map.of(name, value.isBlank() ? "x" : value));
		aliases().postProcessEnvironment(environment, new SpringApplication());
		return Optional.ofNullable(environment.getPropertySources().get(ALIASES_SOURCE))
			.map((source) -> String.valueOf(((org.springframework.core.env.EnumerablePropertySource<?>) source)
				.getPropertyNames()[0]));
	}

	/** The key among {@code keys} that Spring Boot's relaxed binding maps the variable to. */
	private static Optional<String> keyOf(String name, String value, Set<String> keys) {
		ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, value)));
		return keys.stream().filter((key) -> {
			ConfigurationPropertyName property = ConfigurationPropertyName.of(key);
			return source.getConfigurationProperty(property) != null
					|| source.containsDescendantOf(property) == ConfigurationPropertyState.PRESENT;
		}).findFirst();
	}

	/** The proxy's keys, from the configuration metadata its build generates. */
	static Set<String> proxyKeys() {
		Set<String> keys = new LinkedHashSet<>();
		try {
			List<URL> files = Collections.list(ProxyEnvironmentBindingTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"));
			for (URL file : files) {
				try (InputStream in = file.openStream()) {
					for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
						String key = property.path("name").asText();
						if (key.startsWith("spawn.proxy.")) {
							keys.add(key);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(keys).as("spawn-proxy-app's configuration metadata is on the classpath").isNotEmpty();
		return keys;
	}

}
