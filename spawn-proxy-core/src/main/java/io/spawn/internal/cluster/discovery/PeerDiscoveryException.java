package io.spawn.internal.cluster.discovery;

/**
 * The source of the candidates cannot be read now; the membership keeps its last answer and reports this.
 */
public class PeerDiscoveryException extends RuntimeException {

	public PeerDiscoveryException(String message) {
		super(message);
	}

	public PeerDiscoveryException(String message, Throwable cause) {
		super(message, cause);
	}

}
