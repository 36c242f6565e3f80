package io.spawn.internal.cluster.discovery;

import java.util.Set;

/**
 * The peer addresses that may belong to this member's cluster. Liveness is decided elsewhere (heartbeats):
 * discovery only says who could be a member, so a stale or partial answer never admits a dead member.
 * <p>
 * A source that watches (Kubernetes) or polls (DNS) starts doing so in {@link #watch} and says when its answer
 * may have changed, so that the membership looks again at once instead of at its next heartbeat. A source that
 * cannot be read throws from {@link #peerAddresses()}: the membership keeps its last answer and reports the
 * problem in its health, so that an unreachable source never empties the cluster.
 */
@FunctionalInterface
public interface PeerDiscovery extends AutoCloseable {

	/**
	 * The candidates' peer addresses, {@code host:port}.
	 * @return the addresses
	 * @throws RuntimeException when the source cannot be read (the membership keeps its last answer)
	 */
	Set<String> peerAddresses();

	/**
	 * Starts watching or polling the source, when it does either; called once, when the membership starts.
	 * @param changed called (on any thread, possibly often) whenever the candidates may have changed
	 */
	default void watch(Runnable changed) {
	}

	/** Stops watching or polling; called when the membership closes. */
	@Override
	default void close() {
	}

	/** No filter: every member with a fresh heartbeat is a candidate. */
	PeerDiscovery ANY = () -> Set.of("*");

}
