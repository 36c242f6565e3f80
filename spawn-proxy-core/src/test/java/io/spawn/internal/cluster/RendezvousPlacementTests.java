package io.spawn.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.state.ActorKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendezvousPlacementTests {

	private static List<Member> members(String... nodes) {
		List<Member> members = new ArrayList<>();
		for (String node : nodes) {
			members.add(new Member(node, node + ":9990", Member.State.UP, 1, 1));
		}
		return members;
	}

	@Test
	void everyMemberComputesTheSameOwnerWhateverTheOrderOfItsView() {
		List<Member> view = members("a", "b", "c");
		List<Member> reversed = new ArrayList<>(view);
		java.util.Collections.reverse(reversed);
		for (int i = 0; i < 1_000; i++) {
			ActorKey key = new ActorKey("sys", "actor-" + i);
			assertThat(RendezvousPlacement.owner(key, reversed)).isEqualTo(RendezvousPlacement.owner(key, view));
		}
	}

	@Test
	void actorsSpreadEvenlyOverMembers() {
		Map<String, Integer> counts = new HashMap<>();
		List<Member> view = members("a", "b", "c");
		for (int i = 0; i < 30_000; i++) {
			counts.merge(RendezvousPlacement.owner(new ActorKey("sys", "actor-" + i), view), 1, Integer::sum);
		}
		assertThat(counts).hasSize(3);
		assertThat(counts.values()).allSatisfy((count) -> assertThat(count).isBetween(9_000, 11_000));
	}

	@Test
	void aJoiningMemberTakesOnlyActorsItNowOwnsAndALeavingOneGivesOnlyItsOwn() {
		List<Member> three = members("a", "b", "c");
		List<Member> four = members("a", "b", "c", "d");
		int moved = 0;
		for (int i = 0; i < 20_000; i++) {
			ActorKey key = new ActorKey("sys", "actor-" + i);
			String before = RendezvousPlacement.owner(key, three);
			String after = RendezvousPlacement.owner(key, four);
			if (!before.equals(after)) {
				assertThat(after).as("an actor only moves to the new member").isEqualTo("d");
				moved++;
			}
		}
		assertThat(moved).as("about a quarter moves").isBetween(4_000, 6_000);
	}

	@Test
	void systemsAreSeparateKeys() {
		List<Member> view = members("a", "b", "c", "d", "e");
		int differ = 0;
		for (int i = 0; i < 1_000; i++) {
			if (!RendezvousPlacement.owner(new ActorKey("one", "x" + i), view)
				.equals(RendezvousPlacement.owner(new ActorKey("two", "x" + i), view))) {
				differ++;
			}
		}
		assertThat(differ).isGreaterThan(600);
	}

	@Test
	void noMembersMeansNoOwner() {
		assertThat(RendezvousPlacement.owner(new ActorKey("sys", "a"), List.of())).isNull();
	}

}
