package io.spawn.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * The baseline: the same counter as a Pekko typed cluster-sharding entity on a one-node cluster, called with
 * {@code ask} from outside the actor system, as a Spring controller would call it. The entity is the fastest
 * idiomatic form (a mutable {@code long} in an {@link AbstractBehavior}).
 */
final class PekkoNode implements AutoCloseable {

	static final EntityTypeKey<Command> COUNTER = EntityTypeKey.create(Command.class, "counter");

	private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

	final ActorSystem<Void> system;

	final ClusterSharding sharding;

	PekkoNode(Duration idlePassivation) {
		this(idlePassivation, null);
	}

	/**
	 * A node that joins {@code seed}'s cluster (or forms its own when {@code seed} is null), and waits until the
	 * cluster has {@code seed == null ? 1 : 2} members up.
	 */
	PekkoNode(Duration idlePassivation, @org.jspecify.annotations.Nullable PekkoNode seed) {
		Config config = ConfigFactory.parseString("""
				pekko.loglevel = WARNING
				pekko.stdout-loglevel = WARNING
				pekko.log-dead-letters = off
				pekko.actor.provider = cluster
				pekko.remote.artery.canonical.hostname = 127.0.0.1
				pekko.remote.artery.canonical.port = 0
				pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
				pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout = %ds
				pekko.coordinated-shutdown.exit-jvm = off
				pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
				pekko.actor.serializers.counter = "io.spawn.benchmarks.PekkoCounterSerializer"
				pekko.actor.serialization-bindings."io.spawn.benchmarks.PekkoNode$Command" = counter
				""".formatted(idlePassivation.toSeconds())).withFallback(ConfigFactory.load());
		this.system = ActorSystem.create(Behaviors.empty(), "bench", config);
		Cluster cluster = Cluster.get(this.system);
		org.apache.pekko.actor.Address join = (seed != null)
				? Cluster.get(seed.system).selfMember().address() : cluster.selfMember().address();
		cluster.manager().tell(Join.create(join));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (cluster.selfMember().status() != MemberStatus.up()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the one-node Pekko cluster did not come up");
			}
			sleep(20);
		}
		this.sharding = ClusterSharding.get(this.system);
		this.sharding.init(Entity.of(COUNTER, (context) -> Behaviors.setup(Counter::new)));
	}

	/** Asks an entity to add {@code amount}; returns the new value. */
	long add(String entity, long amount) throws Exception {
		return this.sharding.entityRefFor(COUNTER, entity)
			.<Long>ask((replyTo) -> new Add(amount, replyTo), ASK_TIMEOUT)
			.toCompletableFuture()
			.get();
	}

	/** Asks an entity for nothing: starts it if needed. */
	void touch(String entity) throws Exception {
		this.sharding.entityRefFor(COUNTER, entity)
			.<Long>ask(Touch::new, ASK_TIMEOUT)
			.toCompletableFuture()
			.get();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.system.terminate();
		try {
			this.system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			System.err.println("Pekko did not terminate cleanly: " + ex);
		}
	}

	/** Messages of the counter. */
	interface Command {

	}

	record Add(long amount, ActorRef<Long> replyTo) implements Command {

	}

	record Touch(ActorRef<Long> replyTo) implements Command {

	}

	static final class Counter extends AbstractBehavior<Command> {

		private long value;

		Counter(ActorContext<Command> context) {
			super(context);
		}

		@Override
		public Receive<Command> createReceive() {
			return newReceiveBuilder().onMessage(Add.class, (add) -> {
				this.value += add.amount();
				add.replyTo().tell(this.value);
				return this;
			}).onMessage(Touch.class, (touch) -> {
				touch.replyTo().tell(this.value);
				return this;
			}).build();
		}

	}

}
