package io.spawn.samples.bank;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorContext;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;
import io.spawn.actor.Rest;

/**
 * One account per id. Write-through: a deposit or withdrawal is committed to the proxy's database before the
 * caller hears it succeeded. Movements of {@value #LARGE} or more are broadcast to the audit.
 */
@Actor(value = "account", kind = ActorKind.UNNAMED, writeThrough = true)
public class AccountActor {

	static final long LARGE = 10_000;

	/** The state of an account, in cents. */
	public record Account(long balance) {
	}

	/** A deposit or withdrawal, in cents. */
	public record Movement(long amount) {
	}

	/** An account's balance, as replied. */
	public record Balance(String account, long balance) {
	}

	/** What the audit hears of a large movement. */
	public record LargeMovement(String account, long amount) {
	}

	@Action
	@Rest(method = "POST", path = "/accounts/{id}/deposits")
	public Effect<Account, Balance> deposit(Account account, Movement deposit, ActorContext<Account> context) {
		if (deposit.amount() <= 0) {
			return Effect.error("invalid-amount", "a deposit must be positive, was " + deposit.amount());
		}
		return apply(account, deposit.amount(), context);
	}

	@Action
	@Rest(method = "POST", path = "/accounts/{id}/withdrawals")
	public Effect<Account, Balance> withdraw(Account account, Movement withdrawal, ActorContext<Account> context) {
		if (withdrawal.amount() <= 0) {
			return Effect.error("invalid-amount", "a withdrawal must be positive, was " + withdrawal.amount());
		}
		if (withdrawal.amount() > account.balance()) {
			return Effect.error("insufficient-funds",
					"cannot withdraw " + withdrawal.amount() + " from a balance of " + account.balance());
		}
		return apply(account, -withdrawal.amount(), context);
	}

	@Action
	@Rest(method = "GET", path = "/accounts/{id}")
	public Balance balance(Account account, ActorContext<Account> context) {
		return new Balance(context.self(), account.balance());
	}

	private static Effect<Account, Balance> apply(Account account, long amount, ActorContext<Account> context) {
		Account next = new Account(account.balance() + amount);
		Effect<Account, Balance> effect = Effect.update(next).thenReply(new Balance(context.self(), next.balance()));
		return (Math.abs(amount) >= LARGE) ? effect.broadcast("large-movements", new LargeMovement(context.self(), amount))
				: effect;
	}

}
