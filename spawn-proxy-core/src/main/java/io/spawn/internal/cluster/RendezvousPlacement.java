package io.spawn.internal.cluster;

import io.spawn.internal.placement.ActorPlacement;
import io.spawn.internal.placement.Placement;
import io.spawn.internal.state.ActorKey;
import java.nio.charset.StandardCharsets;
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
		String owner = owner(key, this.membership.view().members());
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
		long keyHash = hash(key.system() + '\u0000' + key.name());
		String best = null;
		long bestWeight = 0;
		for (Member member : members) {
			long weight = mix(keyHash ^ hash(member.nodeId()));
			if (best == null || Long.compareUnsigned(weight, bestWeight) > 0
					|| (weight == bestWeight && member.nodeId().compareTo(best) < 0)) {
				best = member.nodeId();
				bestWeight = weight;
			}
		}
		return best;
	}

	/** 64-bit FNV-1a over the UTF-8 bytes, then mixed. */
	static long hash(String text) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return mix(hash);
	}

	/** The finaliser of SplitMix64: every input bit affects every output bit. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
