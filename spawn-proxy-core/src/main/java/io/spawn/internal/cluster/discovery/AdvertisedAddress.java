package io.spawn.internal.cluster.discovery;

import io.spawn.internal.cluster.ClusterConfigurationException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * This member's own peer address when discovery names the others by address (Kubernetes, DNS): the address they
 * find it at, which it records with its heartbeat so that they can match it against their candidates. It is the
 * configured advertise address (on Kubernetes the pod's IP), else the one address of this host's interfaces.
 */
final class AdvertisedAddress {

	private AdvertisedAddress() {
	}

	/**
	 * @param prefix the configuration prefix, for messages
	 * @param configured the configured address (empty when not set)
	 * @param port this member's peer port
	 * @param interfaces this host's interface addresses, for when none is configured
	 * @throws ClusterConfigurationException when the configured address is not one of this host's, or none is
	 * configured and the interfaces do not tell
	 */
	static PeerAddress find(String prefix, String configured, int port, Supplier<List<InetAddress>> interfaces) {
		String key = prefix + ".cluster.advertise-address";
		String advice = "Set " + key + " to the address the other members reach this one at; on Kubernetes the"
				+ " pod's IP (the chart sets it from status.podIP; POD_IP is read too).";
		if (!configured.isBlank()) {
			PeerAddress address = PeerAddress.of(configured.strip(), port);
			InetAddress resolved;
			try {
				resolved = InetAddress.getByName(address.host());
			}
			catch (UnknownHostException ex) {
				throw new ClusterConfigurationException(key + " '" + configured + "' does not resolve", advice);
			}
			if (!address.isLocalHost()) {
				throw new ClusterConfigurationException(key + " '" + configured + "' is not an address of this host,"
						+ " so the other members would not find this one there", advice);
			}
			return PeerAddress.of(resolved.getHostAddress(), port);
		}
		List<InetAddress> candidates = interfaces.get();
		List<InetAddress> ipv4 = candidates.stream().filter(Inet4Address.class::isInstance).toList();
		List<InetAddress> chosen = ipv4.isEmpty() ? candidates : ipv4;
		if (chosen.size() != 1) {
			throw new ClusterConfigurationException("this member cannot tell its own peer address: " + key
					+ " is not set and " + (chosen.isEmpty() ? "this host has no network interface address"
							: "this host has several addresses " + chosen.stream().map(InetAddress::getHostAddress).toList()),
					advice);
		}
		return PeerAddress.of(chosen.getFirst().getHostAddress(), port);
	}

	/** The addresses of this host's interfaces that are up, neither loopback nor link-local. */
	static List<InetAddress> interfaceAddresses() {
		List<InetAddress> addresses = new ArrayList<>();
		try {
			for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (!network.isUp() || network.isLoopback()) {
					continue;
				}
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					if (!address.isLoopbackAddress() && !address.isLinkLocalAddress() && !address.isAnyLocalAddress()) {
						addresses.add(address);
					}
				}
			}
		}
		catch (SocketException ex) {
			// No interfaces to read: the caller says so.
		}
		return addresses;
	}

}
