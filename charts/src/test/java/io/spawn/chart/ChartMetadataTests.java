package io.spawn.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chart.yaml, values.yaml, values.schema.json and the chart's README say the same thing.
 */
class ChartMetadataTests {

	private static final Pattern PARAM = Pattern.compile("(?m)^\\s*## @param (\\S+) (.+)$");

	@Test
	void requiresKubernetesWithTheSleepActionAndUnhealthyPodEviction() throws IOException {
		JsonNode chart = new YAMLMapper().readTree(RenderedChart.chartDirectory().resolve("Chart.yaml").toFile());

		assertThat(chart.get("kubeVersion").asText()).isEqualTo(">=1.30.0-0");
	}

	@Test
	void everyParameterIsInTheSchemaWithItsDescriptionAndDefault() throws IOException {
		JsonNode schema = new ObjectMapper().readTree(RenderedChart.chartDirectory().resolve("values.schema.json").toFile());
		JsonNode values = new YAMLMapper().readTree(RenderedChart.chartDirectory().resolve("values.yaml").toFile());

		assertThat(parameters()).isNotEmpty().allSatisfy((name, description) -> {
			JsonNode property = schema;
			JsonNode value = values;
			for (String part : name.split("\\.")) {
				property = property.path("properties").path(part);
				value = value.path(part);
			}
			assertThat(property.isMissingNode()).as("%s is in values.schema.json", name).isFalse();
			assertThat(property.path("description").asText()).as("description of %s", name).isEqualTo(description);
			assertThat(property.path("default")).as("default of %s", name).isEqualTo(value);
		});
	}

	@Test
	void everyParameterIsInTheReadme() throws IOException {
		String readme = Files.readString(RenderedChart.chartDirectory().resolve("README.md"));

		assertThat(parameters().keySet())
			.allSatisfy((name) -> assertThat(readme).as("README.md documents %s", name).contains("`" + name + "`"));
	}

	private static Map<String, String> parameters() throws IOException {
		Matcher matcher = PARAM.matcher(Files.readString(RenderedChart.chartDirectory().resolve("values.yaml")));
		Map<String, String> parameters = new LinkedHashMap<>();
		while (matcher.find()) {
			parameters.put(matcher.group(1), matcher.group(2).strip());
		}
		return parameters;
	}

}
