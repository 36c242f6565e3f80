package io.spawn.proxy.lifecycle;

import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.Membership;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The cluster membership's health: UP with the live members while heartbeats and discovery work. When they fail,
 * the member keeps its last view (never an empty cluster) and reports UNKNOWN with what went wrong: visible to an
 * operator, but not a reason for Kubernetes to restart the pod.
 */
public final class ClusterHealthIndicator extends AbstractHealthIndicator {

	private final ClusterMember member;

	public ClusterHealthIndicator(ClusterMember member) {
		super("Cluster health check failed");
		this.member = member;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Membership membership = this.member.membership();
		if (membership.healthy()) {
			builder.up();
		}
		else {
			builder.unknown().withDetail("problem", String.valueOf(membership.lastProblem()));
		}
		builder.withDetail("node", membership.localNode())
			.withDetail("members", membership.view().nodeIds())
			.withDetail("leaving", membership.isLeaving())
			.withDetail("handovers", this.member.handovers());
	}

}
