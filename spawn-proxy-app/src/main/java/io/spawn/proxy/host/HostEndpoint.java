package io.spawn.proxy.host;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the user's application listens: a host name or address and a port, from configuration only.
 * @param host the host name or address (an IPv6 address with or without brackets)
 * @param port the TCP port
 */
public record HostEndpoint(String host, int port) {

	public HostEndpoint {
		host = host.strip();
		if (host.isEmpty() || host.chars().anyMatch((c) -> c == '/' || c == '?' || c == '#' || c == '@'
				|| c == '%' || c == '\\' || Character.isWhitespace(c))) {
			throw new IllegalArgumentException("'" + host + "' is not a host name or address");
		}
		if (port <= 0 || port > 65535) {
			throw new IllegalArgumentException(port + " is not a TCP port");
		}
	}

	/**
	 * The URL of a fixed path on this endpoint.
	 * @param path an absolute path, a constant of the protocol
	 * @return the URL
	 */
	public URI uri(String path) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		try {
			return new URI("http", null, bare, this.port, path, null, null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("'" + this.host + "' is not a host name or address", ex);
		}
	}

}
