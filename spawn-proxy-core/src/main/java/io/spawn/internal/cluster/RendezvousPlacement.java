package io.spawn.internal.cluster;

import io.spawn.internal.placement.ActorPlacement;
import io.spawn.internal.placement.Placement;
import io.spawn.internal.state.ActorKey;
import java.util.List;

/**
 * Owner = the live member with the highest rendezvous weight for {@code (system, name)}: every member computes the
 * same owner from the same view, and a member that joins or leaves moves only the actors it gains or loses (about
 * 1/N of them).
 */
public final class RendezvousPlacement implements ActorPlacement {

	private final Membership membership;

	public RendezvousPlacement(Membership membership) {
		this.membership = membership;
	}

	@Override
	public Placement place(ActorKey key) {
		MembershipView view = this.membership.view();
		String owner = owner(key, view.members(), view.nodeHashes());
		if (owner == null || owner.equals(this.membership.localNode())) {
			return Placement.LOCAL;
		}
		return new Placement.Remote(owner);
	}

	@Override
	public String localNode() {
		return this.membership.localNode();
	}

	@Override
	public boolean isLive(String node) {
		return this.membership.view().contains(node);
	}

	@Override
	public boolean clustered() {
		return true;
	}

	/**
	 * The owner of an actor among members.
	 * @param key the actor
	 * @param members the live members
	 * @return the owner's node id, or null when there are no members
	 */
	static String owner(ActorKey key, List<Member> members) {
		return owner(key, members, new MembershipView(members).nodeHashes());
	}

	private static String owner(ActorKey key, List<Member> members, long[] nodeHashes) {
		long keyHash = mix(fnv(fnv(fnv(0xcbf29ce484222325L, key.system()), "\u0000"), key.name()));
		String best = null;
		long bestWeight = 0;
		for (int i = 0; i < members.size(); i++) {
			Member member = members.get(i);
			long weight = mix(keyHash ^ nodeHashes[i]);
			if (best == null || Long.compareUnsigned(weight, bestWeight) > 0
					|| (weight == bestWeight && member.nodeId().compareTo(best) < 0)) {
				best = member.nodeId();
				bestWeight = weight;
			}
		}
		return best;
	}

	/** 64-bit FNV-1a over the characters, then mixed. */
	static long hash(String text) {
		return mix(fnv(0xcbf29ce484222325L, text));
	}

	/** FNV-1a over UTF-16 code units (no allocation on the call path). */
	private static long fnv(long seed, String text) {
		long hash = seed;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			hash ^= (c & 0xff);
			hash *= 0x100000001b3L;
			hash ^= (c >>> 8);
			hash *= 0x100000001b3L;
		}
		return hash;
	}

	/** The finaliser of SplitMix64: every input bit affects every output bit. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
