package io.spawn.internal.cluster;

import java.util.function.LongSupplier;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Whether a {@link Membership} works: its last heartbeat and discovery read succeeded, and its last heartbeat is
 * younger than the member timeout. A problem is logged once when it starts (and again when it changes), and its
 * end once.
 */
final class MembershipHealth {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(Membership.class));

	private final String localNode;

	private final long memberTimeoutMillis;

	private final LongSupplier clock;

	private volatile boolean healthy = true;

	private volatile @Nullable String lastProblem;

	/** When this member's heartbeat was last written, 0 before the first. */
	private volatile long lastHeartbeatAt;

	MembershipHealth(String localNode, long memberTimeoutMillis, LongSupplier clock) {
		this.localNode = localNode;
		this.memberTimeoutMillis = memberTimeoutMillis;
		this.clock = clock;
	}

	/**
	 * A heartbeat that hangs (a partition drops the database's packets, so the statement neither answers nor fails)
	 * makes this member dead to the others without any error here: its age says so.
	 */
	boolean healthy() {
		return this.healthy && heartbeatAge() <= this.memberTimeoutMillis;
	}

	@Nullable String lastProblem() {
		long age = heartbeatAge();
		if (this.healthy && age > this.memberTimeoutMillis) {
			return "no heartbeat recorded for " + age + " ms (the member table does not answer): the other members"
					+ " count this member as dead and take over its actors once their leases expire";
		}
		return this.lastProblem;
	}

	private long heartbeatAge() {
		long last = this.lastHeartbeatAt;
		return (last == 0) ? 0 : this.clock.getAsLong() - last;
	}

	void heartbeatRecorded(long at) {
		this.lastHeartbeatAt = at;
	}

	void problem(String message) {
		if (this.healthy || !message.equals(this.lastProblem)) {
			logger.warn(() -> "Membership of '" + this.localNode + "': " + message);
		}
		this.healthy = false;
		this.lastProblem = message;
	}

	void recovered() {
		if (!this.healthy) {
			logger.info(() -> "Membership of '" + this.localNode + "' recovered");
		}
		this.healthy = true;
		this.lastProblem = null;
	}

}
