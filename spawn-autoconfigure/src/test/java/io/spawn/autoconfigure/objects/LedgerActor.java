package io.spawn.autoconfigure.objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A write-behind actor whose state counts how often it is written as JSON, and which remembers the last command
 * and reply objects it saw.
 */
@Actor(value = "ledger", kind = ActorKind.UNNAMED, snapshotInterval = "1h", idleTimeout = "2s")
public class LedgerActor {

	static final AtomicReference<Object> lastCommand = new AtomicReference<>();

	static final AtomicReference<Object> lastReply = new AtomicReference<>();

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Ledger(String id, long balance, int entries) {

		static final Map<String, AtomicInteger> encodings = new ConcurrentHashMap<>();

		/** Read by Jackson alone, each time the state is written as JSON. */
		@JsonProperty("encodedAs")
		public int encodedAs() {
			return encodings.computeIfAbsent(String.valueOf(this.id), (key) -> new AtomicInteger()).incrementAndGet();
		}

	}

	public record Deposit(long amount) {
	}

	/** Not immutable: its list can change after the call. */
	public record Batch(List<Long> amounts) {
	}

	public record Receipt(long balance, int entries) {
	}

	@Action
	public Effect<Ledger, Receipt> deposit(Ledger ledger, Deposit deposit, ActorContext<Ledger> context) {
		lastCommand.set(deposit);
		Ledger next = new Ledger(context.self(), ledger.balance() + deposit.amount(), ledger.entries() + 1);
		Receipt receipt = new Receipt(next.balance(), next.entries());
		lastReply.set(receipt);
		return Effect.update(next).thenReply(receipt);
	}

	@Action
	public Effect<Ledger, Receipt> depositAll(Ledger ledger, Batch batch) {
		lastCommand.set(batch);
		long sum = batch.amounts().stream().mapToLong(Long::longValue).sum();
		Ledger next = new Ledger(ledger.id(), ledger.balance() + sum, ledger.entries() + batch.amounts().size());
		return Effect.update(next).thenReply(new Receipt(next.balance(), next.entries()));
	}

	@Action
	public Receipt balance(Ledger ledger) {
		return new Receipt(ledger.balance(), ledger.entries());
	}

	@Action
	public Effect<Ledger, Receipt> keep(Ledger ledger) {
		// A new but equal state: nothing to write.
		return Effect.update(new Ledger(ledger.id(), ledger.balance(), ledger.entries())).thenReply(balance(ledger));
	}

}
