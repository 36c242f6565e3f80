package io.spawn.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.jspecify.annotations.Nullable;

/**
 * The chart rendered by real helm ({@code helm template}, through helm-java) with the chart's values.yaml plus
 * the given values, parsed into fabric8 model objects.
 */
final class RenderedChart {

	static final String RELEASE = "shop";

	static final String NAMESPACE = "sales";

	/** Release name plus chart name, as spawn.fullname makes it. */
	static final String FULLNAME = RELEASE + "-spawn";

	/** The placeholder standing for a value read from a Secret, a field of the pod, or a ConfigMap key. */
	static final String FROM_ELSEWHERE = "<from-elsewhere>";

	private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

	private final List<HasMetadata> objects;

	private RenderedChart(List<HasMetadata> objects) {
		this.objects = objects;
	}

	private static final Pattern KUBE_VERSION = Pattern.compile("(?m)^kubeVersion:.*$");

	private static @Nullable Path renderable;

	static Path chartDirectory() {
		String configured = System.getProperty("spawn.chart.dir");
		return Path.of(Objects.requireNonNullElse(configured, "spawn")).toAbsolutePath();
	}

	/**
	 * A copy of the chart without its {@code kubeVersion} constraint. helm template checks the constraint against
	 * the Kubernetes version it assumes without a cluster (v1.20.0 in helm-java, which has no --kube-version), and
	 * would refuse the chart; the constraint itself is asserted by {@code ChartMetadataTests}.
	 */
	static synchronized Path renderableChartDirectory() {
		if (renderable == null) {
			try {
				Path copy = Files.createTempDirectory("spawn-chart");
				Path source = chartDirectory();
				try (Stream<Path> files = Files.walk(source)) {
					for (Path file : files.toList()) {
						Path target = copy.resolve(source.relativize(file).toString());
						if (Files.isDirectory(file)) {
							Files.createDirectories(target);
						}
						else {
							Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
						}
					}
				}
				Path chartYaml = copy.resolve("Chart.yaml");
				Files.writeString(chartYaml, KUBE_VERSION.matcher(Files.readString(chartYaml)).replaceAll(""));
				renderable = copy;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return renderable;
	}

	/** Renders the chart with its defaults plus {@code valuesYaml} (may be empty). Helm's errors propagate. */
	static RenderedChart render(String valuesYaml) {
		return new RenderedChart(parse(template(valuesYaml)));
	}

	/** The raw output of helm template. */
	static String template(String valuesYaml) {
		Path values = writeValues(valuesYaml);
		try {
			return new Helm(renderableChartDirectory()).template()
				.withName(RELEASE)
				.withNamespace(NAMESPACE)
				.withValuesFile(values)
				.call();
		}
		finally {
			try {
				Files.deleteIfExists(values);
			}
			catch (IOException ex) {
				// a temporary file; nothing to do
			}
		}
	}

	private static Path writeValues(String valuesYaml) {
		try {
			Path file = Files.createTempFile("spawn-chart-values", ".yaml");
			Files.writeString(file, valuesYaml.isBlank() ? "{}\n" : valuesYaml);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<HasMetadata> parse(String manifest) {
		List<HasMetadata> objects = new ArrayList<>();
		for (String document : DOCUMENT_SEPARATOR.split(manifest)) {
			if (document.lines().allMatch((line) -> line.isBlank() || line.strip().startsWith("#"))) {
				continue;
			}
			objects.add(Serialization.unmarshal(document));
		}
		return objects;
	}

	List<HasMetadata> objects() {
		return this.objects;
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** The one object of the type with the name; fails the test when there is none. */
	<T extends HasMetadata> T get(Class<T> type, String name) {
		return all(type).stream()
			.filter((object) -> name.equals(object.getMetadata().getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name + " among "
					+ this.objects.stream().map((o) -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
	}

	boolean has(Class<? extends HasMetadata> type) {
		return !all(type).isEmpty();
	}

	Deployment deployment() {
		return get(Deployment.class, FULLNAME);
	}

	PodSpec pod() {
		return deployment().getSpec().getTemplate().getSpec();
	}

	/** A container of the pod, among the containers or (native sidecar) the init containers. */
	Container container(String name) {
		List<Container> all = new ArrayList<>(pod().getContainers());
		all.addAll(pod().getInitContainers());
		return all.stream()
			.filter((container) -> name.equals(container.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container " + name));
	}

	ConfigMap proxyConfigMap() {
		return get(ConfigMap.class, FULLNAME + "-proxy");
	}

	/**
	 * The environment the proxy container starts with: its ConfigMap (envFrom), then its env, which wins. A value
	 * read from a Secret or from the pod's fields is {@link #FROM_ELSEWHERE}, except the pod's name and namespace,
	 * which are given as a pod named {@code shop-spawn-abc12} in {@link #NAMESPACE} would have them.
	 */
	Map<String, String> proxyEnvironment() {
		Map<String, String> environment = new LinkedHashMap<>(proxyConfigMap().getData());
		for (EnvVar variable : container("proxy").getEnv()) {
			environment.put(variable.getName(), valueOf(variable));
		}
		return environment;
	}

	private static String valueOf(EnvVar variable) {
		if (variable.getValueFrom() == null) {
			return Objects.requireNonNullElse(variable.getValue(), "");
		}
		if (variable.getValueFrom().getFieldRef() != null) {
			return switch (variable.getValueFrom().getFieldRef().getFieldPath()) {
				case "metadata.name" -> FULLNAME + "-abc12";
				case "metadata.namespace" -> NAMESPACE;
				default -> FROM_ELSEWHERE;
			};
		}
		return FROM_ELSEWHERE;
	}

}
