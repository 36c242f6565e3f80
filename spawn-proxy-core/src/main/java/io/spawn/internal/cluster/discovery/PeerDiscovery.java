package io.spawn.internal.cluster.discovery;

import java.util.Set;

/**
 * The peer addresses that may belong to this member's cluster. Liveness is decided elsewhere (heartbeats):
 * discovery only says who could be a member, so a stale or partial answer never admits a dead member.
 */
@FunctionalInterface
public interface PeerDiscovery {

	/**
	 * The candidates' peer addresses, {@code host:port}.
	 * @return the addresses
	 * @throws RuntimeException when the source cannot be read (the membership keeps its last answer)
	 */
	Set<String> peerAddresses();

	/** No filter: every member with a fresh heartbeat is a candidate. */
	PeerDiscovery ANY = () -> Set.of("*");

}
