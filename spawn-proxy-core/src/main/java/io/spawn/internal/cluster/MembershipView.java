package io.spawn.internal.cluster;

import java.util.List;

/**
 * The live members as one member sees them at one moment, sorted by node id. Immutable.
 * @param members the live members
 */
public record MembershipView(List<Member> members, long[] nodeHashes) {

	public MembershipView {
		members = List.copyOf(members);
	}

	public MembershipView(List<Member> members) {
		this(members, hashes(members));
	}

	/** Each member's rendezvous hash, computed once per view instead of once per call. */
	private static long[] hashes(List<Member> members) {
		long[] hashes = new long[members.size()];
		for (int i = 0; i < hashes.length; i++) {
			hashes[i] = RendezvousPlacement.hash(members.get(i).nodeId());
		}
		return hashes;
	}

	public boolean contains(String nodeId) {
		for (Member member : this.members) {
			if (member.nodeId().equals(nodeId)) {
				return true;
			}
		}
		return false;
	}

	public List<String> nodeIds() {
		return this.members.stream().map(Member::nodeId).toList();
	}

	/** Whether both views hold the same members at the same addresses (heartbeat times aside). */
	boolean sameMembers(MembershipView other) {
		if (other.members.size() != this.members.size()) {
			return false;
		}
		for (int i = 0; i < this.members.size(); i++) {
			Member a = this.members.get(i);
			Member b = other.members.get(i);
			if (!a.nodeId().equals(b.nodeId()) || !a.address().equals(b.address())) {
				return false;
			}
		}
		return true;
	}

}
