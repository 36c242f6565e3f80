package io.spawn.internal.cluster.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.jspecify.annotations.Nullable;

/**
 * Candidates from DNS: the A and AAAA records of a name (a headless Service's, whose records are its ready pods),
 * each on the configured peer port. The name is resolved every polling interval, and the membership is woken when
 * the answer changes. A lookup that fails (no such name, no records, no DNS server) makes
 * {@link #peerAddresses()} throw, so that the membership keeps its last answer and reports the problem.
 * <p>
 * Needs no Kubernetes API access, but follows changes only as fast as the DNS server's records (CoreDNS caches
 * them for 5 to 30 s).
 */
public final class DnsPeerDiscovery implements PeerDiscovery {

	/** Resolves a name to its addresses. */
	@FunctionalInterface
	public interface Resolver {

		/**
		 * @throws UnknownHostException when the name has no address
		 */
		List<InetAddress> resolve(String name) throws UnknownHostException;

	}

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

	private final String name;

	private final int port;

	private final Duration pollingInterval;

	private final Resolver resolver;

	private volatile @Nullable Set<String> answer;

	private volatile @Nullable String failure;

	private @Nullable ScheduledExecutorService poller;

	/**
	 * @param name the name to resolve
	 * @param port every member's peer port
	 * @param pollingInterval how often the name is resolved
	 * @param resolver how (tests give their own; see {@link #systemResolver()})
	 */
	public DnsPeerDiscovery(String name, int port, Duration pollingInterval, Resolver resolver) {
		this.name = name;
		this.port = port;
		this.pollingInterval = pollingInterval;
		this.resolver = resolver;
	}

	/** Resolves the name now, then every polling interval on a thread of its own. */
	@Override
	public synchronized void watch(Runnable changed) {
		if (this.poller != null) {
			throw new IllegalStateException("already polling");
		}
		poll();
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("spawn-dns-discovery").daemon().factory());
		long period = this.pollingInterval.toMillis();
		executor.scheduleWithFixedDelay(() -> {
			Set<String> before = this.answer;
			String failedBefore = this.failure;
			poll();
			if (!Objects.equals(before, this.answer) || !Objects.equals(failedBefore, this.failure)) {
				changed.run();
			}
		}, period, period, TimeUnit.MILLISECONDS);
		this.poller = executor;
	}

	/** One lookup; its result, or its failure, is what {@link #peerAddresses()} answers until the next. */
	void poll() {
		try {
			Set<String> addresses = new LinkedHashSet<>();
			for (InetAddress address : this.resolver.resolve(this.name)) {
				addresses.add(PeerAddress.of(address.getHostAddress(), this.port).toString());
			}
			if (addresses.isEmpty()) {
				throw new UnknownHostException("no A or AAAA records");
			}
			this.answer = Set.copyOf(addresses);
			this.failure = null;
		}
		catch (UnknownHostException | RuntimeException ex) {
			this.failure = "'" + this.name + "' does not resolve (" + ex.getMessage() + ")";
		}
	}

	/**
	 * The addresses of the last lookup.
	 * @throws PeerDiscoveryException when the last lookup failed
	 */
	@Override
	public Set<String> peerAddresses() {
		if (this.answer == null && this.failure == null) {
			poll();
		}
		String failed = this.failure;
		Set<String> last = this.answer;
		if (failed != null || last == null) {
			throw new PeerDiscoveryException("DNS lookup of " + failed);
		}
		return last;
	}

	@Override
	public synchronized void close() {
		if (this.poller != null) {
			this.poller.shutdownNow();
		}
	}

	@Override
	public String toString() {
		return "the A and AAAA records of '" + this.name + "' on port " + this.port + ", every "
				+ this.pollingInterval.toMillis() + " ms";
	}

	/**
	 * The default resolver. A fully qualified name (with a dot, such as the chart's
	 * {@code <fullname>-peers.<namespace>.svc.cluster.local}) is asked of the DNS servers of the system's resolver
	 * configuration directly, for its A and AAAA records: the JVM's own cache of lookups
	 * ({@code networkaddress.cache.ttl}, 30 s) would otherwise hide changes for longer than the server does. A short
	 * name (upstream's {@code PROXY_HEADLESS_SERVICE}, completed by the search domains), a name those servers do not
	 * know and any name when they cannot be asked go through the system's resolver (hosts file, search domains, and
	 * the JVM's cache).
	 * @return the resolver
	 */
	public static Resolver systemResolver() {
		return (name) -> {
			if (name.indexOf('.') > 0 && !IP_LITERAL.matcher(name).matches()) {
				try {
					List<InetAddress> found = directLookup(name, "dns:");
					if (!found.isEmpty()) {
						return found;
					}
				}
				catch (NamingException ex) {
					// Not known to the DNS servers, or none to ask: the system's resolver has its say.
				}
			}
			return List.of(InetAddress.getAllByName(name));
		};
	}

	/**
	 * The A and AAAA records of a name, asked of DNS servers through the JDK's DNS naming provider.
	 * @param servers the provider URL: {@code dns:} for the system's servers, or {@code dns://host:port}
	 */
	static List<InetAddress> directLookup(String name, String servers) throws NamingException, UnknownHostException {
		Hashtable<String, String> environment = new Hashtable<>();
		environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
		environment.put(Context.PROVIDER_URL, servers);
		environment.put("com.sun.jndi.dns.timeout.initial", "500");
		environment.put("com.sun.jndi.dns.timeout.retries", "2");
		DirContext context = new InitialDirContext(environment);
		try {
			List<InetAddress> addresses = new ArrayList<>();
			// One query per type: asking for both at once would be a query of type ANY, which servers may refuse.
			for (String type : new String[] { "A", "AAAA" }) {
				Attribute attribute = context.getAttributes(name, new String[] { type }).get(type);
				if (attribute == null) {
					continue;
				}
				NamingEnumeration<?> values = attribute.getAll();
				while (values.hasMore()) {
					// A literal address: getByName parses it without a lookup.
					addresses.add(InetAddress.getByName(String.valueOf(values.next())));
				}
			}
			return addresses;
		}
		finally {
			context.close();
		}
	}

}
