package io.spawn.internal.cluster;

import java.time.Duration;

/**
 * How this member takes part in its cluster.
 * @param nodeId this member's node id; unique among live members
 * @param address the peer address other members reach it at, {@code host:port}
 * @param port the port its peer server listens on
 * @param heartbeatInterval how often it writes its heartbeat and reads the others'
 * @param memberTimeout how old a heartbeat may be before its member counts as dead; shorter than the lease
 * duration, so that calls stop going to a dead member before its leases expire
 */
public record ClusterSettings(String nodeId, String address, int port, Duration heartbeatInterval,
		Duration memberTimeout) {

	public ClusterSettings {
		if (nodeId.isBlank()) {
			throw new IllegalArgumentException("nodeId must not be blank");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
		}
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("heartbeatInterval must be positive, was " + heartbeatInterval);
		}
		if (memberTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException("memberTimeout (" + memberTimeout
					+ ") must be at least twice the heartbeat interval (" + heartbeatInterval + ")");
		}
	}

	/** Heartbeats every second; a member silent for 5 s is dead. */
	public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);

	public static final Duration DEFAULT_MEMBER_TIMEOUT = Duration.ofSeconds(5);

	public ClusterSettings withAddress(String address, int port) {
		return new ClusterSettings(this.nodeId, address, port, this.heartbeatInterval, this.memberTimeout);
	}

}
