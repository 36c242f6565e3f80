package io.spawn.internal.runtime;

import static io.spawn.internal.runtime.RuntimeFixture.SYSTEM;
import static io.spawn.internal.runtime.RuntimeFixture.named;
import static io.spawn.internal.runtime.RuntimeFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.StoredState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restoring a kept revision as a turn of the actor ({@link ActorRuntime#restoreState}).
 */
class ActorRuntimeRestoreStateTests {

	private static final ActorKey COUNTER = new ActorKey(SYSTEM, "counter");

	private final RuntimeFixture fixture = new RuntimeFixture();

	@BeforeEach
	void registerWriteThroughCounter() {
		this.fixture.host.on("counter", "add", (i) -> {
			long total = ScriptedHost.state(i) + ScriptedHost.input(i);
			return ScriptedHost.reply(i, total, ScriptedHost.number(total)).setCheckpoint(true).build();
		});
		this.fixture.register(named("counter", "add"));
		this.fixture.call("counter", "add", 5);
		this.fixture.call("counter", "add", 1);
		this.fixture.call("counter", "add", 10);
	}

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void restoringAnActiveActorWritesTheRevisionAsANewOneAndTheActorGoesOnFromIt() {
		assertThat(latest().revision()).isEqualTo(3);

		InvocationResult restored = this.fixture.runtime.restoreState(SYSTEM, "counter", 1).join();

		assertThat(restored.ok()).as(restored.message()).isTrue();
		assertThat(value(restored)).isEqualTo(5);
		assertThat(latest().revision()).as("a restore is a new revision; history is kept").isEqualTo(4);
		assertThat(ScriptedHost.number(latest().state().getState())).isEqualTo(5);
		assertThat(value(this.fixture.call("counter", "add", 1))).as("the actor in memory goes on from it").isEqualTo(6);
		assertThat(this.fixture.host.received).extracting((received) -> received.getActionName())
			.as("the host never sees the restore")
			.doesNotContain(ActionNames.RESTORE_STATE);
	}

	@Test
	void aRevisionThatIsNotKeptIsNotFoundAndTheStateStays() {
		InvocationResult restored = this.fixture.runtime.restoreState(SYSTEM, "counter", 99).join();

		assertThat(restored.status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
		assertThat(restored.message()).contains("revision 99");
		assertThat(latest().revision()).isEqualTo(3);
		assertThat(value(this.fixture.call("counter", "add", 0))).isEqualTo(16);
	}

	@Test
	void anUnknownActorIsNotFound() {
		InvocationResult restored = this.fixture.runtime.restoreState(SYSTEM, "nobody", 1).join();

		assertThat(restored.status()).isEqualTo(InvocationStatus.ACTOR_NOT_FOUND);
	}

	@Test
	void anInstanceThisRuntimeHasNotSeenIsRestoredThroughTheTemplateItsStateNames() {
		this.fixture.host.on("account", "add", ScriptedHost::add);
		this.fixture.register(RuntimeFixture.actor("account", io.spawn.protocol.actors.Kind.UNNAMED, "add"));
		ActorKey instance = new ActorKey(SYSTEM, "acct-7");
		this.fixture.store.write(instance, "account",
				io.spawn.protocol.actors.ActorState.newBuilder().setState(ScriptedHost.number(70)).build(), 0);
		this.fixture.store.write(instance, "account",
				io.spawn.protocol.actors.ActorState.newBuilder().setState(ScriptedHost.number(71)).build(), 1);

		// As after a restart, or on a member that never ran the instance: the stored state names its template.
		InvocationResult restored = this.fixture.runtime.restoreState(SYSTEM, "acct-7", 1).join();

		assertThat(restored.ok()).as(restored.message()).isTrue();
		assertThat(ScriptedHost.number(this.fixture.store.load(instance).orElseThrow().state().getState()))
			.isEqualTo(70);
		assertThat(this.fixture.store.load(instance).orElseThrow().parent()).isEqualTo("account");
	}

	@Test
	void aCallerCannotSendTheReservedActionAsACall() {
		InvocationResult call = this.fixture.runtime.invoke(RuntimeFixture.request("counter", ActionNames.RESTORE_STATE)
			.putMetadata(ActionNames.RESTORE_REVISION, "1")
			.build());

		assertThat(call.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
		assertThat(latest().revision()).isEqualTo(3);
	}

	private StoredState latest() {
		return this.fixture.store.load(COUNTER).orElseThrow();
	}

}
