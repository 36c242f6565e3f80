package io.spawn.internal.runtime;

import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.state.jpa.PersistenceSettings;
import io.spawn.internal.state.jpa.TestDatabases;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Registry;

/**
 * A child JVM for the crash test: runs a write-through counter on PostgreSQL and prints {@code ACK n} after each
 * call the runtime acknowledged, until it is killed.
 */
public final class WriteThroughChild {

	private WriteThroughChild() {
	}

	public static void main(String[] args) {
		SystemRuntimeClock clock = new SystemRuntimeClock();
		JpaStatePersistence persistence = JpaStatePersistence.start(TestDatabases.pool(args[0], "postgres", "postgres"),
				PersistenceSettings.defaults("crash-node"), clock);
		ScriptedHost host = new ScriptedHost().on("ledger", "add", ScriptedHost::add);
		ActorRuntime runtime = new ActorRuntime(host, persistence.stateStore(), new InMemoryInvocationScheduler(clock),
				clock, RuntimeSettings.defaults(), RuntimeObserver.NONE);
		runtime.start();
		var ledger = RuntimeFixture.named("ledger", "add");
		ledger.getMetadataBuilder().putTags("spawn.write-through", "true");
		runtime.register(RegistrationRequest.newBuilder()
			.setActorSystem(ActorSystem.newBuilder()
				.setName(RuntimeFixture.SYSTEM)
				.setRegistry(Registry.newBuilder().putActors("ledger", ledger.build())))
			.build());
		while (true) {
			InvocationResult result = runtime.invoke(
					RuntimeFixture.request("ledger", "add").setValue(ScriptedHost.number(1)).build());
			if (result.ok()) {
				System.out.println("ACK " + RuntimeFixture.value(result));
				System.out.flush();
			}
		}
	}

}
