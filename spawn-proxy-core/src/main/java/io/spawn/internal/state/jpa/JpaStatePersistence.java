package io.spawn.internal.state.jpa;

import io.spawn.internal.schedule.InvocationScheduler;
import io.spawn.internal.state.ActorStateStore;
import io.spawn.internal.state.StateStoreException;
import io.spawn.internal.time.RuntimeClock;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * Durable persistence for one node: migrates Spawn's tables with Flyway, opens Spawn's own JPA persistence unit
 * on the given {@link DataSource}, and provides the {@link ActorStateStore} and {@link InvocationScheduler} the
 * runtime runs on. Spawn's Flyway history ({@code spawn_schema_history}) and persistence unit are separate from
 * the application's, so an application's own entities and migrations are untouched.
 */
public final class JpaStatePersistence implements AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(JpaStatePersistence.class));

	/** Where Spawn's migrations live on the classpath. */
	public static final String MIGRATIONS = "classpath:io/spawn/db/migration";

	/** Spawn's Flyway history table. */
	public static final String HISTORY_TABLE = "spawn_schema_history";

	private final EntityManagerFactory entityManagerFactory;

	private final GroupCommitter committer;

	private final JpaActorStateStore stateStore;

	private final JpaInvocationScheduler scheduler;

	private final HistoryTrimmer trimmer;

	private final RuntimeClock clock;

	private final PersistenceSettings settings;

	private volatile RuntimeClock.@Nullable Cancellable renewal;

	private volatile RuntimeClock.@Nullable Cancellable trim;

	private volatile RuntimeClock.@Nullable Cancellable purge;

	private volatile boolean closed;

	private JpaStatePersistence(DataSource dataSource, EntityManagerFactory entityManagerFactory, RuntimeClock clock,
			PersistenceSettings settings) {
		this.entityManagerFactory = entityManagerFactory;
		this.clock = clock;
		this.settings = settings;
		Transactions transactions = new Transactions(entityManagerFactory);
		Jdbc jdbc = new Jdbc(dataSource);
		SnapshotSql sql = SnapshotSql.of(jdbc);
		StateCodec codec = new StateCodec(settings.encryption());
		this.trimmer = new HistoryTrimmer(jdbc, settings.historyRetention());
		this.committer = new GroupCommitter(jdbc, sql, codec, clock, settings, this.trimmer::written,
				settings.commitSlots());
		this.stateStore = new JpaActorStateStore(jdbc, sql, this.committer, codec, clock, settings);
		this.scheduler = new JpaInvocationScheduler(transactions, clock, settings);
		scheduleRenewal();
		scheduleTrim();
		if (!settings.stateTimeToLive().isEmpty()) {
			schedulePurge();
		}
	}

	/**
	 * Migrates the schema and opens the store.
	 * @param dataSource the database (PostgreSQL or H2)
	 * @param settings node and store settings
	 * @param clock the runtime's clock (lease expiry and schedules use it)
	 * @return the open persistence
	 * @throws StateStoreException when the database cannot be migrated or opened
	 */
	public static JpaStatePersistence start(DataSource dataSource, PersistenceSettings settings, RuntimeClock clock) {
		migrate(dataSource);
		LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
		factory.setDataSource(dataSource);
		factory.setPersistenceUnitName("spawn");
		factory.setPackagesToScan(JpaStatePersistence.class.getPackageName());
		factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
		factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "none", "hibernate.jdbc.batch_size", "64",
				"hibernate.query.mutation_strategy.global_temporary.create_tables", "false"));
		try {
			factory.afterPropertiesSet();
		}
		catch (RuntimeException ex) {
			throw new StateStoreException("could not open Spawn's persistence unit: " + ex.getMessage(), ex);
		}
		EntityManagerFactory entityManagerFactory = factory.getObject();
		if (entityManagerFactory == null) {
			throw new StateStoreException("could not open Spawn's persistence unit");
		}
		return new JpaStatePersistence(dataSource, entityManagerFactory, clock, settings);
	}

	/**
	 * Applies Spawn's migrations. Works on an empty database and on one that already holds the application's
	 * tables (Spawn's history table starts from a baseline there).
	 * @param dataSource the database
	 */
	public static void migrate(DataSource dataSource) {
		for (int attempt = 1;; attempt++) {
			try {
				Flyway.configure()
					.dataSource(dataSource)
					.locations(MIGRATIONS)
					.table(HISTORY_TABLE)
					.baselineOnMigrate(true)
					.baselineVersion("0")
					.load()
					.migrate();
				return;
			}
			catch (RuntimeException ex) {
				// Members starting together on a fresh database race to create the history table; the loser finds
				// it created but not yet baselined, and succeeds once the winner is done.
				String message = String.valueOf(ex.getMessage());
				if (attempt < 3 && message.contains(HISTORY_TABLE) && message.contains("already exists")) {
					try {
						Thread.sleep(500L * attempt);
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						throw new StateStoreException("migration of Spawn's tables interrupted", interrupted);
					}
					continue;
				}
				throw new StateStoreException("migration of Spawn's tables failed: " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * The store. Its type is the durable one, for the operations the port does not have.
	 * @return the store
	 */
	public JpaActorStateStore stateStore() {
		return this.stateStore;
	}

	public InvocationScheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * How late the last scheduled invocation fired, in milliseconds.
	 * @return the lag
	 */
	public long scheduleLagMillis() {
		return this.scheduler.lagMillis();
	}

	private void scheduleRenewal() {
		if (this.closed) {
			return;
		}
		Duration period = this.settings.leaseDuration().dividedBy(3);
		this.renewal = this.clock.schedule(period, () -> Thread.ofVirtual().start(() -> {
			try {
				this.stateStore.renewLeases();
			}
			catch (StateStoreException ex) {
				logger.warn(() -> "Lease renewal failed; writes stay fenced until it succeeds: " + ex.getMessage());
			}
			finally {
				scheduleRenewal();
			}
		}));
	}

	private void scheduleTrim() {
		if (this.closed) {
			return;
		}
		this.trim = this.clock.schedule(this.settings.historyTrimInterval(), () -> Thread.ofVirtual().start(() -> {
			try {
				trimHistory();
			}
			catch (StateStoreException ex) {
				logger.warn(() -> "History trim failed; it is retried at the next run: " + ex.getMessage());
			}
			finally {
				scheduleTrim();
			}
		}));
	}

	private void schedulePurge() {
		if (this.closed) {
			return;
		}
		this.purge = this.clock.schedule(this.settings.purgeInterval(), () -> Thread.ofVirtual().start(() -> {
			try {
				purgeExpiredState();
			}
			catch (StateStoreException ex) {
				logger.warn(() -> "Purge of expired state failed; it is retried at the next run: " + ex.getMessage());
			}
			finally {
				schedulePurge();
			}
		}));
	}

	/**
	 * Deletes the history rows beyond the retention of every actor written since the last trim; runs every
	 * {@link PersistenceSettings#historyTrimInterval()} by itself.
	 * @return the rows deleted
	 */
	public int trimHistory() {
		return this.trimmer.trim();
	}

	/**
	 * Purges the state of actors whose type has a time-to-live ({@link PersistenceSettings#stateTimeToLive()})
	 * and that were neither written for that long nor are leased; runs every
	 * {@link PersistenceSettings#purgeInterval()} by itself when a time-to-live is set.
	 * @return the actors purged
	 */
	public int purgeExpiredState() {
		return this.stateStore.purgeExpiredState();
	}

	/**
	 * Stops renewing, gives up this node's leases, and closes the persistence unit. Call it after the runtime
	 * has shut down, so that every state was flushed.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		RuntimeClock.Cancellable pending = this.renewal;
		for (RuntimeClock.Cancellable task : new RuntimeClock.Cancellable[] { pending, this.trim, this.purge }) {
			if (task != null) {
				task.cancel();
			}
		}
		this.scheduler.stop();
		this.committer.close();
		try {
			this.trimmer.trim();
		}
		catch (StateStoreException ex) {
			logger.debug(ex, "History not trimmed at shutdown; the next write of each actor trims it later");
		}
		try {
			this.stateStore.releaseAllLeases();
		}
		catch (StateStoreException ex) {
			logger.warn(() -> "Leases not released at shutdown; they expire by themselves: " + ex.getMessage());
		}
		this.entityManagerFactory.close();
	}

}
