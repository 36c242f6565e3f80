package io.spawn.autoconfigure;

import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.ClusterReport;
import io.spawn.internal.runtime.ActorRuntime;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * Embedded mode in a cluster: {@code /actuator/cluster} lists the live instances as this one sees them, and
 * {@code /actuator/cluster/{system}/{actor}}: which member owns an actor and whether it is active here.
 */
@Endpoint(id = "cluster")
public final class SpawnClusterEndpoint {

	private final ClusterMember member;

	private final ActorRuntime runtime;

	SpawnClusterEndpoint(ClusterMember member, ActorRuntime runtime) {
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
