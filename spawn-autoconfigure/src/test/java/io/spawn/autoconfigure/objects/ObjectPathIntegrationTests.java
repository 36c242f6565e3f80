package io.spawn.autoconfigure.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spawn.autoconfigure.objects.LedgerActor.Batch;
import io.spawn.autoconfigure.objects.LedgerActor.Deposit;
import io.spawn.autoconfigure.objects.LedgerActor.Ledger;
import io.spawn.autoconfigure.objects.LedgerActor.Receipt;
import io.spawn.client.ActorRefs;
import io.spawn.internal.runtime.ActorRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * In embedded mode, commands, replies and states that cannot change after the call travel as the Java objects
 * themselves; bytes are made only to store a state, and what is stored reads back the same way as before.
 */
@SpringBootTest(classes = ObjectPathIntegrationTests.App.class,
		properties = { "spawn.system=objects", "spring.datasource.url=jdbc:h2:mem:object-path;DB_CLOSE_DELAY=-1" })
class ObjectPathIntegrationTests {

	@Autowired
	ActorRefs<LedgerActor> ledgers;

	@Autowired
	ActorRefs<VaultActor> vaults;

	@Autowired
	ActorRuntime runtime;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anImmutableCommandAndItsReplyAreTheCallersAndTheActorsOwnObjects() {
		Deposit deposit = new Deposit(5);
		Receipt receipt = this.ledgers.get(id()).call(LedgerActor::deposit, deposit);
		assertThat(LedgerActor.lastCommand.get()).isSameAs(deposit);
		assertThat(receipt).isSameAs(LedgerActor.lastReply.get()).isEqualTo(new Receipt(5, 1));
	}

	@Test
	void aCommandThatCouldChangeIsCopiedSoChangingItAfterwardsLeavesTheActorAlone() {
		String id = id();
		List<Long> amounts = new ArrayList<>(List.of(1L, 2L));
		Batch batch = new Batch(amounts);
		assertThat(this.ledgers.get(id).call(LedgerActor::depositAll, batch)).isEqualTo(new Receipt(3, 2));
		assertThat(LedgerActor.lastCommand.get()).isNotSameAs(batch).isEqualTo(batch);
		amounts.add(1_000L);
		assertThat(this.ledgers.get(id).call(LedgerActor::balance)).isEqualTo(new Receipt(3, 2));
	}

	@Test
	void aWriteBehindStateIsEncodedOnlyWhenItIsStoredAndReadsBackFromTheStore() {
		String id = id();
		for (int i = 0; i < 50; i++) {
			this.ledgers.get(id).call(LedgerActor::deposit, new Deposit(2));
		}
		this.ledgers.get(id).call(LedgerActor::keep);
		// Fifty-one turns, and the state has not been written as JSON once.
		assertThat(Ledger.encodings.get(id)).isNull();
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.runtime.isActive("objects", id));
		// Passivation stored it: one encoding, in the format the byte path writes.
		assertThat(Ledger.encodings.get(id)).hasValue(1);
		assertThat(storedJson(id)).contains("\"balance\":100").contains("\"entries\":50");
		// The next call activates it from those bytes.
		assertThat(this.ledgers.get(id).call(LedgerActor::deposit, new Deposit(1))).isEqualTo(new Receipt(101, 51));
	}

	@Test
	void aWriteThroughStateIsCommittedBeforeEachReplyAndAnEqualStateIsNotWrittenAgain() {
		String id = id();
		for (int i = 1; i <= 3; i++) {
			VaultActor.Vault reply = this.vaults.get(id).call(VaultActor::put, new Deposit(10));
			assertThat(reply.balance()).isEqualTo(10L * i);
			assertThat(storedJson(id)).contains("\"balance\":" + (10 * i));
		}
		long revision = revision(id);
		this.vaults.get(id).call(VaultActor::same);
		assertThat(revision(id)).isEqualTo(revision);
	}

	private String storedJson(String id) {
		byte[] bytes = this.jdbc.queryForObject(
				"SELECT state_bytes FROM spawn_actor_snapshot WHERE actor_system = 'objects' AND actor_name = ?",
				byte[].class, id);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private long revision(String id) {
		return this.jdbc.queryForObject(
				"SELECT revision FROM spawn_actor_snapshot WHERE actor_system = 'objects' AND actor_name = ?",
				Long.class, id);
	}

	private static String id() {
		return UUID.randomUUID().toString();
	}

	@SpringBootApplication
	static class App {

	}

}
