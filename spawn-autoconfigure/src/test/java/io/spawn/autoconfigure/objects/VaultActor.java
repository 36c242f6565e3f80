package io.spawn.autoconfigure.objects;

import io.spawn.actor.Action;
import io.spawn.actor.Actor;
import io.spawn.actor.ActorKind;
import io.spawn.actor.Effect;

/**
 * A write-through actor: each change is committed before the reply.
 */
@Actor(value = "vault", kind = ActorKind.UNNAMED, writeThrough = true)
public class VaultActor {

	public record Vault(long balance) {
	}

	@Action
	public Effect<Vault, Vault> put(Vault vault, LedgerActor.Deposit deposit) {
		Vault next = new Vault(vault.balance() + deposit.amount());
		return Effect.update(next).thenReply(next);
	}

	@Action
	public Effect<Vault, Vault> same(Vault vault) {
		return Effect.update(new Vault(vault.balance())).thenReply(vault);
	}

}
