package io.spawn.internal.state.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.schedule.ScheduleEntry;
import io.spawn.internal.schedule.ScheduledInvocation;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorListing;
import io.spawn.internal.state.ActorQuery;
import io.spawn.internal.state.ActorRecord;
import io.spawn.internal.state.RevisionRecord;
import io.spawn.internal.time.ManualRuntimeClock;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorState;
import io.spawn.protocol.actors.ActorSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the operations API reads from the durable store and scheduler, run against each real database (H2 and
 * PostgreSQL subclasses): listing, description, history, schedules. Two members share the database and must see
 * the same.
 */
abstract class AbstractActorCatalogTests {

	final ManualRuntimeClock clock = new ManualRuntimeClock(Instant.parse("2026-01-01T00:00:00Z"));

	final List<AutoCloseable> toClose = new ArrayList<>();

	HikariDataSource dataSource;

	JpaStatePersistence nodeA;

	JpaStatePersistence nodeB;

	abstract HikariDataSource newDatabase();

	@BeforeEach
	void open() {
		this.dataSource = newDatabase();
		this.nodeA = open("node-a");
		this.nodeB = open("node-b");
	}

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.toClose.size() - 1; i >= 0; i--) {
			this.toClose.get(i).close();
		}
		this.dataSource.close();
	}

	private void expireAllLeases() {
		try (var connection = this.dataSource.getConnection();
				var expire = connection.prepareStatement("UPDATE spawn_actor_lease SET expires_at = ?")) {
			expire.setLong(1, this.clock.millis() - 1);
			expire.executeUpdate();
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JpaStatePersistence open(String node) {
		JpaStatePersistence persistence = JpaStatePersistence.start(this.dataSource,
				PersistenceSettings.defaults(node).withLeaseDuration(Duration.ofSeconds(30)), this.clock);
		this.toClose.add(persistence);
		return persistence;
	}

	/** Writes one revision under a lease of {@code node}, which it keeps or gives back. */
	long write(JpaStatePersistence node, String name, @Nullable String parent, long value, boolean keepLease,
			String... tags) {
		ActorKey key = new ActorKey("sys", name);
		JpaActorStateStore store = node.stateStore();
		long revision = store.acquireLeaseAndLoad(key).map((s) -> s.revision()).orElse(0L);
		ActorState.Builder state = ActorState.newBuilder().setState(Any.pack(Int64Value.of(value)));
		for (int i = 0; i < tags.length; i += 2) {
			state.putTags(tags[i], tags[i + 1]);
		}
		long written = store.write(key, parent, state.build(), revision);
		if (!keepLease) {
			store.releaseLease(key);
		}
		return written;
	}

	List<String> names(List<ActorRecord> records) {
		return records.stream().map((record) -> record.key().name()).toList();
	}

	ActorQuery query(@Nullable String parent, @Nullable String tagKey, @Nullable String tagValue,
			ActorQuery.Activity activity, @Nullable String after, int limit) {
		return new ActorQuery("sys", parent, tagKey, tagValue, activity, after, limit);
	}

	@Test
	void listsAPageAfterAGivenNameInNameOrderTheSameOnEveryMember() {
		for (String name : List.of("d", "a", "c", "e", "b")) {
			write(this.nodeA, name, null, 1, false);
		}
		write(this.nodeA, "b", null, 2, false);

		List<ActorRecord> first = this.nodeA.stateStore().list(query(null, null, null, ActorQuery.Activity.ANY, null, 2)).records();
		List<ActorRecord> second = this.nodeB.stateStore()
			.list(query(null, null, null, ActorQuery.Activity.ANY, "b", 2)).records();

		assertThat(names(first)).containsExactly("a", "b");
		assertThat(first.get(1).revision()).isEqualTo(2);
		assertThat(first.get(1).stateType()).isEqualTo("type.googleapis.com/google.protobuf.Int64Value");
		assertThat(first.get(1).updatedAtMillis()).isEqualTo(this.clock.millis());
		assertThat(names(second)).containsExactly("c", "d");
		assertThat(this.nodeA.stateStore().list(query(null, null, null, ActorQuery.Activity.ANY, null, 10)).records())
			.isEqualTo(this.nodeB.stateStore().list(query(null, null, null, ActorQuery.Activity.ANY, null, 10)).records());
	}

	@Test
	void filtersByTemplate() {
		write(this.nodeA, "acct-2", "account", 1, false);
		write(this.nodeA, "acct-1", "account", 1, false);
		write(this.nodeA, "cart-1", "cart", 1, false);
		write(this.nodeA, "account", null, 1, false);

		assertThat(names(this.nodeA.stateStore().list(query("account", null, null, ActorQuery.Activity.ANY, null, 10)).records()))
			.containsExactly("acct-1", "acct-2");
		assertThat(this.nodeA.stateStore().list(query("account", null, null, ActorQuery.Activity.ANY, null, 10)).records())
			.allSatisfy((record) -> assertThat(record.parent()).isEqualTo("account"));
	}

	@Test
	void filtersByOneTagExactlyEvenWithQuotesAndWildcardsInIt() {
		write(this.nodeA, "plain", null, 1, false, "env", "prod", "team", "payments");
		write(this.nodeA, "prefix", null, 1, false, "env", "production");
		write(this.nodeA, "suffix", null, 1, false, "xenv", "prod");
		write(this.nodeA, "quoted", null, 1, false, "a\"env", "prod");
		write(this.nodeA, "wild", null, 1, false, "env", "pr%d");
		write(this.nodeA, "last", null, 1, false, "aaa", "1", "env", "prod");

		assertThat(names(this.nodeA.stateStore().list(query(null, "env", "prod", ActorQuery.Activity.ANY, null, 10)).records()))
			.containsExactly("last", "plain");
		assertThat(names(this.nodeA.stateStore().list(query(null, "env", "pr%d", ActorQuery.Activity.ANY, null, 10)).records()))
			.containsExactly("wild");
		assertThat(names(this.nodeA.stateStore().list(query(null, "a\"env", "prod", ActorQuery.Activity.ANY, null, 10)).records()))
			.containsExactly("quoted");
		assertThat(this.nodeA.stateStore().describe(new ActorKey("sys", "quoted")).orElseThrow().tags())
			.isEqualTo(Map.of("a\"env", "prod"));
	}

	@Test
	void activeMeansAnUnexpiredLeaseWhoseHolderIsTheOwner() {
		write(this.nodeA, "held-by-a", null, 1, true);
		write(this.nodeB, "held-by-b", null, 1, true);
		write(this.nodeA, "passive", null, 1, false);

		List<ActorRecord> active = this.nodeB.stateStore()
			.list(query(null, null, null, ActorQuery.Activity.ACTIVE, null, 10)).records();
		assertThat(active).extracting((record) -> record.key().name() + "@" + record.owner())
			.containsExactly("held-by-a@node-a", "held-by-b@node-b");
		assertThat(names(this.nodeA.stateStore().list(query(null, null, null, ActorQuery.Activity.PASSIVE, null, 10)).records()))
			.containsExactly("passive");

		// The holders stop renewing and their leases run out. Advancing the clock instead would run each node's
		// renewal on the way, on a virtual thread that may renew before the advance ends.
		expireAllLeases();
		assertThat(this.nodeA.stateStore().list(query(null, null, null, ActorQuery.Activity.ACTIVE, null, 10)).records())
			.as("an expired lease is nobody's")
			.isEmpty();
	}

	@Test
	void aFilteredPageReadsABoundedWindowAndSaysWhereToResume() {
		for (int i = 0; i < 10; i++) {
			write(this.nodeA, "actor-" + i, null, 1, false, "tier", (i == 1 || i == 8) ? "gold" : "plain");
		}
		this.nodeA.stateStore().scanWindow(4);

		ActorListing first = this.nodeA.stateStore().list(query(null, "tier", "gold", ActorQuery.Activity.ANY, null, 10));
		ActorListing second = this.nodeA.stateStore()
			.list(query(null, "tier", "gold", ActorQuery.Activity.ANY, first.resumeAfter(), 10));
		ActorListing third = this.nodeA.stateStore()
			.list(query(null, "tier", "gold", ActorQuery.Activity.ANY, second.resumeAfter(), 10));
		ActorListing unfiltered = this.nodeA.stateStore().list(query(null, null, null, ActorQuery.Activity.ANY, null, 10));

		assertThat(names(first.records())).containsExactly("actor-1");
		assertThat(first.resumeAfter()).isEqualTo("actor-3");
		assertThat(names(second.records())).as("a window without a match is an empty page that goes on").isEmpty();
		assertThat(second.resumeAfter()).isEqualTo("actor-7");
		assertThat(names(third.records())).containsExactly("actor-8");
		assertThat(third.resumeAfter()).as("the system ends inside the window").isNull();
		assertThat(unfiltered.records()).as("no window without a filter").hasSize(10);
		assertThat(unfiltered.resumeAfter()).isNull();
	}

	@Test
	void describesAStoredActorALeaseOnlyActorAndNothingForAnUnknownOne() {
		write(this.nodeA, "stored", "template", 7, false, "k", "v");
		this.nodeB.stateStore().acquireLease(new ActorKey("sys", "leased"));

		ActorRecord stored = this.nodeB.stateStore().describe(new ActorKey("sys", "stored")).orElseThrow();
		ActorRecord leased = this.nodeA.stateStore().describe(new ActorKey("sys", "leased")).orElseThrow();

		assertThat(stored.parent()).isEqualTo("template");
		assertThat(stored.tags()).isEqualTo(Map.of("k", "v"));
		assertThat(stored.owner()).isNull();
		assertThat(leased.revision()).isZero();
		assertThat(leased.owner()).isEqualTo("node-b");
		assertThat(this.nodeA.stateStore().describe(new ActorKey("sys", "unknown"))).isEmpty();
	}

	@Test
	void listsKeptRevisionsNewestFirst() {
		write(this.nodeA, "counter", null, 1, false);
		this.clock.advance(Duration.ofSeconds(1));
		write(this.nodeB, "counter", null, 2, false);
		write(this.nodeB, "counter", null, 3, false);

		List<RevisionRecord> history = this.nodeA.stateStore().history(new ActorKey("sys", "counter"), 2);

		assertThat(history).extracting(RevisionRecord::revision).containsExactly(3L, 2L);
		assertThat(history.get(0).node()).isEqualTo("node-b");
		assertThat(this.nodeA.stateStore().history(new ActorKey("sys", "counter"), 10)).hasSize(3);
		assertThat(this.nodeA.stateStore().history(new ActorKey("sys", "unknown"), 10)).isEmpty();
	}

	@Test
	void listsSchedulesPerActorAndPerSystemWithTheirActionAndAttempts() {
		long due = this.clock.millis();
		this.nodeA.scheduler().schedule(new ScheduledInvocation("timer:sys/ticker/tick", call("ticker", "tick"), due,
				1_000));
		this.nodeA.scheduler().schedule(new ScheduledInvocation("b-call", call("other", "later"), due + 60_000, 0));
		this.nodeA.scheduler().schedule(new ScheduledInvocation("c-call", call("other", "again"), due + 60_000, 0));

		assertThat(this.nodeB.scheduler().list("sys", "other", null, 10)).extracting(ScheduleEntry::id,
				ScheduleEntry::action)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("b-call", "later"),
					org.assertj.core.groups.Tuple.tuple("c-call", "again"));
		assertThat(this.nodeB.scheduler().list("sys", null, "b-call", 10)).extracting(ScheduleEntry::id)
			.containsExactly("c-call", "timer:sys/ticker/tick");

		JpaInvocationScheduler refusing = (JpaInvocationScheduler) this.nodeB.scheduler();
		refusing.start((invocation) -> false);
		refusing.poll();
		refusing.stop();
		ScheduleEntry timer = this.nodeA.scheduler().list("sys", "ticker", null, 10).get(0);
		assertThat(timer.attempts()).as("claimed once and refused").isEqualTo(1);
		assertThat(timer.intervalMillis()).isEqualTo(1_000);
		assertThat(timer.dueAtMillis()).as("retried later").isGreaterThan(due);
	}

	static InvocationRequest call(String actor, String action) {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName("sys"))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setSystem("sys").setName(actor)))
			.setActionName(action)
			.build();
	}

}
