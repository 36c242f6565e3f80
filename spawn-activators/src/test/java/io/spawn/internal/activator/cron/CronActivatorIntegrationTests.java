package io.spawn.internal.activator.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.spawn.internal.activator.ActivatorTesting;
import io.spawn.internal.activator.Activators;
import io.spawn.internal.activator.LedgerRuntime;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.state.jpa.PersistenceSettings;
import io.spawn.internal.state.jpa.TestDatabases;
import io.spawn.internal.time.SystemRuntimeClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cron activators on members that share the durable scheduler of one real PostgreSQL: each occurrence fires once
 * across the members, and occurrences missed while every member was down fire once, not one by one.
 */
@Tag("database")
class CronActivatorIntegrationTests {

	private static final String EVERY_SECOND = "* * * * * *";

	private static final String EVERY_TWO_SECONDS = "*/2 * * * * *";

	private HikariDataSource database;

	private final List<Member> members = new ArrayList<>();

	@BeforeEach
	void createDatabase() {
		this.database = TestDatabases.postgresDatabase();
	}

	@AfterEach
	void stopMembers() {
		this.members.forEach(Member::close);
		this.database.close();
	}

	@Test
	void firesEachOccurrenceOnceAcrossThreeMembers() {
		Member one = member("m1", EVERY_SECOND);
		Member two = member("m2", EVERY_SECOND);
		Member three = member("m3", EVERY_SECOND);

		await().atMost(Duration.ofSeconds(20)).until(() -> firings(one, two, three).size() >= 4);

		List<LedgerRuntime.Call> firings = firings(one, two, three);
		Map<String, Long> perOccurrence = firings.stream()
			.collect(Collectors.groupingBy(LedgerRuntime.Call::messageId, Collectors.counting()));
		assertThat(perOccurrence).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
		assertThat(perOccurrence.keySet()).allMatch((id) -> id.startsWith("spawn-activator:tick:"));
		assertThat(firings.get(0).payload()).contains("\"activator\":\"tick\"").contains("\"scheduledAt\":\"");
	}

	@Test
	void occurrencesMissedWhileTheClusterWasDownFireOnceWhenItIsBack() throws InterruptedException {
		// A period of two seconds: the member stores occurrences one to two seconds ahead, so one is stored at a time.
		Member before = member("m1", EVERY_TWO_SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> !firings(before).isEmpty());
		before.close();
		long downAt = System.currentTimeMillis();
		// Downtime: three occurrences fall due while no member runs.
		Thread.sleep(6_000);
		long upAt = System.currentTimeMillis();
		Member after = member("m2", EVERY_TWO_SECONDS);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> firings(after).stream().filter((call) -> occurrence(call) > upAt).count() >= 1);

		List<Long> caughtUp = firings(after).stream()
			.map(CronActivatorIntegrationTests::occurrence)
			.filter((at) -> at > downAt && at <= upAt)
			.toList();
		assertThat(caughtUp).as("occurrences of the downtime fired after it").hasSize(1);
		assertThat(firings(before, after)).extracting(LedgerRuntime.Call::messageId).doesNotHaveDuplicates();
	}

	private static long occurrence(LedgerRuntime.Call call) {
		return Long.parseLong(call.messageId().substring(call.messageId().lastIndexOf(':') + 1));
	}

	private static List<LedgerRuntime.Call> firings(Member... members) {
		List<LedgerRuntime.Call> calls = new ArrayList<>();
		for (Member member : members) {
			calls.addAll(member.ledger.calls);
		}
		return calls;
	}

	private Member member(String node, String expression) {
		SystemRuntimeClock clock = new SystemRuntimeClock();
		HikariDataSource pool = TestDatabases.pool(this.database.getJdbcUrl(), this.database.getUsername(),
				this.database.getPassword(), 4);
		JpaStatePersistence persistence = JpaStatePersistence.start(pool, PersistenceSettings.defaults(node), clock);
		LedgerRuntime ledger = new LedgerRuntime(clock, persistence.scheduler()).register();
		CronActivatorSourceFactory cron = new CronActivatorSourceFactory(ledger.runtime, Clock.systemUTC());
		Activators activators = ActivatorTesting.start(ledger, Map.of("spawn.activators.tick.source", "cron",
				"spawn.activators.tick.system", LedgerRuntime.SYSTEM, "spawn.activators.tick.actor", "ledger",
				"spawn.activators.tick.action", "record", "spawn.activators.tick.cron.expression", expression), cron);
		Member member = new Member(ledger, activators, cron, persistence, pool);
		this.members.add(member);
		return member;
	}

	private record Member(LedgerRuntime ledger, Activators activators, CronActivatorSourceFactory cron,
			JpaStatePersistence persistence, HikariDataSource pool) {

		void close() {
			if (!this.pool.isClosed()) {
				this.activators.stop();
				this.cron.destroy();
				this.ledger.close();
				this.persistence.close();
				this.pool.close();
			}
		}

	}

}
