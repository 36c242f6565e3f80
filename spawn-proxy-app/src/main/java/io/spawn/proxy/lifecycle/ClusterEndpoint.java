package io.spawn.proxy.lifecycle;

import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.Member;
import io.spawn.internal.cluster.Membership;
import io.spawn.internal.runtime.ActorRuntime;
import java.util.LinkedHashMap;
import java.util.List;
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
		Membership membership = this.member.membership();
		List<Map<String, Object>> members = membership.view().members().stream().map(ClusterEndpoint::describe).toList();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("node", membership.localNode());
		answer.put("healthy", membership.healthy());
		answer.put("leaving", membership.isLeaving());
		answer.put("members", members);
		answer.put("activeActors", this.runtime.activeActors());
		answer.put("handovers", this.member.handovers());
		return answer;
	}

	@ReadOperation
	public Map<String, Object> owner(@Selector String system, @Selector String actor) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("system", system);
		answer.put("actor", actor);
		answer.put("owner", this.runtime.ownerOf(system, actor));
		answer.put("activeHere", this.runtime.isActive(system, actor));
		answer.put("askedMember", this.member.membership().localNode());
		return answer;
	}

	private static Map<String, Object> describe(Member member) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("node", member.nodeId());
		entry.put("address", member.address());
		entry.put("state", member.state().name());
		return entry;
	}

}
