package io.spawn.internal.cluster.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import io.spawn.internal.cluster.ClusterSettings;
import io.spawn.internal.cluster.MemberTable;
import io.spawn.internal.cluster.Membership;
import io.spawn.internal.cluster.PeerClient;
import io.spawn.internal.cluster.discovery.PeerDiscovery;
import io.spawn.internal.placement.ActorPlacement;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.runtime.RuntimeSettings;
import io.spawn.internal.schedule.InMemoryInvocationScheduler;
import io.spawn.internal.state.InMemoryActorStateStore;
import io.spawn.internal.state.jpa.JpaStatePersistence;
import io.spawn.internal.time.SystemRuntimeClock;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

/**
 * A member's runtime behind a real peer server on a free port: system {@code sys} with the named actor {@code a},
 * whose host answers 42 and counts its calls, state in memory, membership on an H2 member table.
 */
final class PeerServerFixture implements AutoCloseable {

	final AtomicInteger hostCalls = new AtomicInteger();

	final SystemRuntimeClock clock = new SystemRuntimeClock();

	final InMemoryActorStateStore store = new InMemoryActorStateStore();

	final ActorRuntime runtime;

	final GrpcPeerServer server;

	PeerServerFixture(@Nullable PeerTls tls) {
		this.runtime = new ActorRuntime((invocation, timeout) -> {
			this.hostCalls.incrementAndGet();
			return ActorInvocationResponse.newBuilder().setValue(Any.pack(Int64Value.of(42))).build();
		}, this.store, new InMemoryInvocationScheduler(this.clock), this.clock, RuntimeSettings.defaults(),
				RuntimeObserver.NONE, "test", "0", ActorPlacement.singleNode("n1"), PeerClient.NONE);
		this.runtime.register(RegistrationRequest.newBuilder()
			.setActorSystem(ActorSystem.newBuilder()
				.setName("sys")
				.setRegistry(Registry.newBuilder()
					.putActors("a", Actor.newBuilder()
						.setId(ActorId.newBuilder().setName("a"))
						.setSettings(ActorSettings.newBuilder().setKind(Kind.NAMED).setStateful(true))
						.addActions(Action.newBuilder().setName("run"))
						.build())))
			.build());
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:peer-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		JpaStatePersistence.migrate(dataSource);
		Membership membership = new Membership(new ClusterSettings("n1", "127.0.0.1:1", 1, Duration.ofSeconds(1),
				Duration.ofSeconds(5)), PeerDiscovery.ANY, new MemberTable(dataSource), System::currentTimeMillis);
		this.server = GrpcPeerServer.start("127.0.0.1", 0, this.runtime, membership, tls);
	}

	static InvocationRequest call(String system, String actor) {
		return InvocationRequest.newBuilder()
			.setSystem(ActorSystem.newBuilder().setName(system))
			.setActor(Actor.newBuilder().setId(ActorId.newBuilder().setName(actor).setSystem(system)))
			.setActionName("run")
			.build();
	}

	@Override
	public void close() {
		this.server.close();
		this.runtime.shutdown(Duration.ofSeconds(5));
		this.clock.close();
	}

}
