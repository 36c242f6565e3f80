package io.spawn.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.spawn.internal.cluster.discovery.PeerDiscovery;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class MembershipTests {

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private final AtomicLong now = new AtomicLong(1_000_000);

	MembershipTests() {
		this.dataSource.setURL("jdbc:h2:mem:membership-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		JpaStatePersistence.migrate(this.dataSource);
	}

	private Membership member(String node, int port, PeerDiscovery discovery) {
		ClusterSettings settings = new ClusterSettings(node, "127.0.0.1:" + port, port, Duration.ofSeconds(1),
				Duration.ofSeconds(5));
		return new Membership(settings, discovery, new MemberTable(this.dataSource), this.now::get);
	}

	@Test
	void membersSeeEachOtherOnlyOnceReady() {
		Membership a = member("a", 1, PeerDiscovery.ANY);
		Membership b = member("b", 2, PeerDiscovery.ANY);
		a.ready();
		b.refresh();
		a.refresh();
		assertThat(a.view().nodeIds()).as("b is JOINING").containsExactly("a");
		assertThat(b.view().nodeIds()).containsExactly("a");
		b.ready();
		a.refresh();
		assertThat(a.view().nodeIds()).containsExactly("a", "b");
		assertThat(b.view().nodeIds()).containsExactly("a", "b");
	}

	@Test
	void aMemberWhoseHeartbeatStopsLandingReportsItselfUnhealthyUntilTheNextOneLands() {
		Membership a = member("a", 1, PeerDiscovery.ANY);
		a.ready();
		a.refresh();
		assertThat(a.healthy()).isTrue();
		// A partition: the heartbeat statement hangs, so no refresh completes and none fails either.
		this.now.addAndGet(5_000);
		assertThat(a.healthy()).as("5 s is the member timeout itself").isTrue();
		this.now.addAndGet(1);
		assertThat(a.healthy()).isFalse();
		assertThat(a.lastProblem()).contains("no heartbeat recorded for 5001 ms")
			.contains("count this member as dead");
		a.refresh();
		assertThat(a.healthy()).isTrue();
		assertThat(a.lastProblem()).isNull();
	}

	@Test
	void aSilentMemberDropsOutAfterTheTimeoutAndCountsAsLost() {
		Membership a = member("a", 1, PeerDiscovery.ANY);
		Membership b = member("b", 2, PeerDiscovery.ANY);
		AtomicReference<MembershipView> heard = new AtomicReference<>();
		a.addListener(heard::set);
		a.ready();
		b.ready();
		a.refresh();
		assertThat(heard.get().nodeIds()).containsExactly("a", "b");
		this.now.addAndGet(4_000);
		a.refresh();
		assertThat(a.view().nodeIds()).as("4 s of silence is within the timeout").containsExactly("a", "b");
		this.now.addAndGet(2_000);
		a.refresh();
		assertThat(a.view().nodeIds()).containsExactly("a");
		assertThat(heard.get().nodeIds()).containsExactly("a");
		assertThat(a.membersLost()).isEqualTo(1);
	}

	@Test
	void aLeavingMemberLeavesEveryViewAtOnceAndIsNotCountedAsLost() {
		Membership a = member("a", 1, PeerDiscovery.ANY);
		Membership b = member("b", 2, PeerDiscovery.ANY);
		a.ready();
		b.ready();
		a.refresh();
		a.memberLeaving("b");
		assertThat(a.view().nodeIds()).as("the leave notice").containsExactly("a");
		b.leave();
		assertThat(b.view().nodeIds()).as("its own view no longer holds it").containsExactly("a");
		a.refresh();
		assertThat(a.view().nodeIds()).as("its LEAVING row").containsExactly("a");
		assertThat(a.membersLost()).isZero();
	}

	@Test
	void aRestartedMemberUnderTheSameNodeIdIsAdmittedAgain() {
		Membership a = member("a", 1, PeerDiscovery.ANY);
		Membership b = member("b", 2, PeerDiscovery.ANY);
		a.ready();
		b.ready();
		a.refresh();
		a.memberLeaving("b");
		b.close();
		this.now.addAndGet(10);
		Membership again = member("b", 2, PeerDiscovery.ANY);
		again.ready();
		a.refresh();
		assertThat(a.view().nodeIds()).containsExactly("a", "b");
	}

	@Test
	void onlyCandidatesOfTheDiscoveryAreMembers() {
		Membership a = member("a", 1, () -> Set.of("127.0.0.1:1", "127.0.0.1:2"));
		member("b", 2, PeerDiscovery.ANY).ready();
		member("c", 3, PeerDiscovery.ANY).ready();
		a.ready();
		assertThat(a.view().nodeIds()).containsExactly("a", "b");
	}

	@Test
	void aFailingDiscoveryKeepsTheLastViewAndSaysSo() {
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		Membership a = member("a", 1, () -> {
			if (failure.get() != null) {
				throw failure.get();
			}
			return Set.of("127.0.0.1:1", "127.0.0.1:2");
		});
		member("b", 2, PeerDiscovery.ANY).ready();
		a.ready();
		assertThat(a.view().nodeIds()).containsExactly("a", "b");
		failure.set(new IllegalStateException("API server answered 403"));
		a.refresh();
		assertThat(a.view().nodeIds()).containsExactly("a", "b");
		assertThat(a.healthy()).isFalse();
		assertThat(a.lastProblem()).contains("403");
	}

	@Test
	void aNodeIdUsedByALiveMemberElsewhereIsRefusedAtStartAndAFormerIncarnationIsNot() {
		member("a", 1, PeerDiscovery.ANY).ready();
		Membership impostor = member("a", 7, PeerDiscovery.ANY);
		assertThatExceptionOfType(ClusterConfigurationException.class).isThrownBy(impostor::start)
			.withMessageContaining("node id 'a' is already used by the live member at 127.0.0.1:1");
		Membership restarted = member("a", 1, PeerDiscovery.ANY);
		restarted.start();
		restarted.close();
	}

}
