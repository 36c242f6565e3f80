package io.spawn.internal.cluster.discovery;

import io.spawn.internal.cluster.ClusterConfigurationException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * A peer address, {@code host:port}.
 * @param host host name or IP address
 * @param port peer port
 */
public record PeerAddress(String host, int port) {

	private static final java.util.regex.Pattern IPV4_LITERAL = java.util.regex.Pattern
		.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

	/**
	 * @throws ClusterConfigurationException when the text is not {@code host:port} with a port from 1 to 65535
	 */
	public static PeerAddress parse(String text, String key) {
		String value = text.strip();
		int colon = value.lastIndexOf(':');
		String host = (colon > 0) ? value.substring(0, colon) : "";
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port;
		try {
			port = (colon > 0) ? Integer.parseInt(value.substring(colon + 1)) : -1;
		}
		catch (NumberFormatException ex) {
			port = -1;
		}
		if (host.isBlank() || port < 1 || port > 65535) {
			throw new ClusterConfigurationException("'" + text + "' in " + key + " is not a peer address host:port",
					"Write each entry of " + key + " as host:port, for example 10.0.0.5:9990.");
		}
		return new PeerAddress(host, port);
	}

	/**
	 * The address of a member as discovery and the member table name it: an IP literal in the JDK's text form (IPv6
	 * uncompressed, whatever form it came in), so that a candidate and a member's own address compare equal.
	 * @param host an IP literal or a host name (kept as it is)
	 * @param port the peer port
	 * @return the address
	 */
	public static PeerAddress of(String host, int port) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (IPV4_LITERAL.matcher(bare).matches() || bare.indexOf(':') >= 0) {
			try {
				return new PeerAddress(InetAddress.getByName(bare).getHostAddress(), port);
			}
			catch (UnknownHostException ex) {
				// Not a literal after all: keep it as it is.
			}
		}
		return new PeerAddress(bare, port);
	}

	/**
	 * Whether this address names this machine: its host is a loopback, wildcard or local interface address.
	 * @return whether it is local
	 */
	public boolean isLocalHost() {
		try {
			for (InetAddress address : InetAddress.getAllByName(this.host)) {
				if (address.isLoopbackAddress() || address.isAnyLocalAddress()
						|| NetworkInterface.getByInetAddress(address) != null) {
					return true;
				}
			}
			return false;
		}
		catch (UnknownHostException | SocketException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

}
