package io.spawn.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code helm lint --strict} on the chart with its own values.
 */
class ChartLintTests {

	@Test
	void passesStrictLint() {
		LintResult result = new Helm(RenderedChart.chartDirectory()).lint().strict().call();

		assertThat(result.isFailed()).as("helm lint failed: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((message) -> message.contains("[ERROR]")
				|| message.contains("[WARNING]"));
	}

}
