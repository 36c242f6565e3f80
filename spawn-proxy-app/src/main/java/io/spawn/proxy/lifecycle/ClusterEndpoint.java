package io.spawn.proxy.lifecycle;

import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.ClusterReport;
import io.spawn.internal.runtime.ActorRuntime;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/cluster}: the live members as this member sees them, and
 * {@code /actuator/cluster/{system}/{actor}}: which member owns an actor and whether it is active here.
 */
@Endpoint(id = "cluster")
public final class ClusterEndpoint {

	private final ClusterMember member;

	private final ActorRuntime runtime;

	public ClusterEndpoint(ClusterMember member, ActorRuntime runtime) {
		this.member = member;
		this.runtime = runtime;
	}

	@ReadOperation
	public Map<String, Object> members() {
		return ClusterReport.members(this.member, this.runtime);
	}

	@ReadOperation
	public Map<String, Object> owner(@Selector String system, @Selector String actor) {
		return ClusterReport.owner(this.member, this.runtime, system, actor);
	}

}
