package io.spawn.internal.cluster;

import io.spawn.internal.runtime.ActorRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operations endpoints of both modes show about a member: the live members as it sees them, and who
 * owns an actor. Plain maps, so that the proxy's and the starter's actuator endpoints render the same JSON.
 */
public final class ClusterReport {

	private ClusterReport() {
	}

	public static Map<String, Object> members(ClusterMember member, ActorRuntime runtime) {
		Membership membership = member.membership();
		List<Map<String, Object>> members = membership.view().members().stream().map(ClusterReport::describe).toList();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("node", membership.localNode());
		answer.put("healthy", membership.healthy());
		answer.put("leaving", membership.isLeaving());
		answer.put("members", members);
		answer.put("activeActors", runtime.activeActors());
		answer.put("handovers", member.handovers());
		return answer;
	}

	public static Map<String, Object> owner(ClusterMember member, ActorRuntime runtime, String system, String actor) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("system", system);
		answer.put("actor", actor);
		answer.put("owner", runtime.ownerOf(system, actor));
		answer.put("activeHere", runtime.isActive(system, actor));
		answer.put("askedMember", member.membership().localNode());
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
