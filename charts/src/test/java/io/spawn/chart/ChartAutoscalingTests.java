package io.spawn.chart;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The HorizontalPodAutoscaler and the PodDisruptionBudget: scaling in and draining nodes remove members one at a
 * time, and never stall.
 */
class ChartAutoscalingTests {

	private static final String HPA = ChartClusterTests.KUBERNETES + """
			autoscaling:
			  hpa:
			    enabled: true
			    minReplicas: 2
			    maxReplicas: 6
			""";

	@Test
	void autoscalerScalesTheDeploymentWhichLeavesReplicasToIt() {
		RenderedChart chart = RenderedChart.render(HPA);
		HorizontalPodAutoscaler hpa = chart.get(HorizontalPodAutoscaler.class, RenderedChart.FULLNAME);

		assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
		assertThat(hpa.getSpec().getScaleTargetRef().getName())
			.isEqualTo(chart.deployment().getMetadata().getName());
		assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
		assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies((metric) -> {
			assertThat(metric.getResource().getName()).isEqualTo("cpu");
			assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(75);
		});
		assertThat(chart.deployment().getSpec().getReplicas()).isNull();
	}

	@Test
	void scalesInOnePodAMinuteAfterFiveStableMinutes() {
		HorizontalPodAutoscaler hpa = RenderedChart.render(HPA)
			.get(HorizontalPodAutoscaler.class, RenderedChart.FULLNAME);

		assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
		assertThat(hpa.getSpec().getBehavior().getScaleDown().getPolicies()).singleElement().satisfies((policy) -> {
			assertThat(policy.getType()).isEqualTo("Pods");
			assertThat(policy.getValue()).isEqualTo(1);
			assertThat(policy.getPeriodSeconds()).isEqualTo(60);
		});
	}

	@Test
	void refusesAutoscalingWithoutDiscovery() {
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.render(ChartClusterTests.POSTGRES + """
				autoscaling:
				  hpa:
				    enabled: true
				""")).withMessageContaining("needs a cluster.discovery");
	}

	@Test
	void refusesMinimumAboveMaximum() {
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.render(HPA + "    minReplicas: 7\n"))
			.withMessageContaining("minReplicas must not exceed");
	}

	@Test
	void budgetKeepsAllowingOnePodToGoWhenScaled() {
		PodDisruptionBudget budget = RenderedChart.render(HPA).get(PodDisruptionBudget.class, RenderedChart.FULLNAME);

		assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
	}

	@Test
	void refusesBudgetsThatWouldBlockADrain() {
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.render("pdb:\n  minAvailable: 1\n"))
			.withMessageContaining("would block a node drain with 1 pod(s)");
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedChart.render(HPA + "pdb:\n  minAvailable: 2\n"))
			.withMessageContaining("with 2 pod(s)");
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.render("pdb:\n  maxUnavailable: 0\n"))
			.withMessageContaining("pdb.maxUnavailable=0");
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.render("pdb:\n  minAvailable: 100%\n"))
			.withMessageContaining("would block");
	}

	@Test
	void acceptsABudgetThatLeavesRoomToDrain() {
		PodDisruptionBudget budget = RenderedChart.render(ChartClusterTests.KUBERNETES + "pdb:\n  minAvailable: 2\n")
			.get(PodDisruptionBudget.class, RenderedChart.FULLNAME);

		assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
		assertThat(budget.getSpec().getMaxUnavailable()).isNull();
	}

}
