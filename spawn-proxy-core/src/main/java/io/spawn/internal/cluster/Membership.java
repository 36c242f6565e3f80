package io.spawn.internal.cluster;

import io.spawn.internal.cluster.discovery.PeerDiscovery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * This member's view of who is live. Every heartbeat interval it writes its own heartbeat to the
 * {@link MemberTable}, reads the others', and keeps those that are UP, heartbeat within the member timeout and
 * are among the candidates its {@link PeerDiscovery} names. Listeners hear of every change of the view (a
 * member joined, left, or died).
 */
public final class Membership implements AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(Membership.class));

	private final ClusterSettings settings;

	private final PeerDiscovery discovery;

	private final MemberTable table;

	private final LongSupplier clock;

	private final List<Consumer<MembershipView>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Members that said they are leaving, with the start time of the incarnation that said it: out of the view at
	 * once, before their row says so.
	 */
	private final Map<String, Long> leaving = new ConcurrentHashMap<>();

	private final long startedAt;

	private volatile MembershipView view;

	private volatile Set<String> candidates = Set.of();

	private volatile boolean leavingSelf;

	/** Whether this member can run actors: its host registered (sidecar) or its actors are declared (embedded). */
	private volatile boolean ready;

	private final AtomicLong membersLost = new AtomicLong();

	private final MembershipHealth health;

	private final MembershipThread thread = new MembershipThread();

	public Membership(ClusterSettings settings, PeerDiscovery discovery, MemberTable table, LongSupplier clock) {
		this.settings = settings;
		this.discovery = discovery;
		this.table = table;
		this.clock = clock;
		this.startedAt = clock.getAsLong();
		this.view = new MembershipView(List.of());
		this.health = new MembershipHealth(settings.nodeId(), settings.memberTimeout().toMillis(), clock);
	}

	public String localNode() {
		return this.settings.nodeId();
	}

	public ClusterSettings settings() {
		return this.settings;
	}

	public MembershipView view() {
		return this.view;
	}

	/**
	 * Whether the last heartbeat and discovery read succeeded, and the last heartbeat is younger than the member
	 * timeout (a heartbeat that hangs makes this member dead to the others without any error here).
	 */
	public boolean healthy() {
		return this.health.healthy();
	}

	public @Nullable String lastProblem() {
		return this.health.lastProblem();
	}

	public void addListener(Consumer<MembershipView> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Joins: checks that no live member uses this node id at another address, starts the discovery's watch, writes
	 * the first heartbeat and reads the view, then keeps doing so every heartbeat interval, and at once whenever the
	 * discovery says its candidates changed.
	 * @throws ClusterConfigurationException when the node id is taken
	 */
	public void start() {
		long now = this.clock.getAsLong();
		for (Member member : this.table.members()) {
			if (member.nodeId().equals(localNode()) && !member.address().equals(this.settings.address())
					&& now - member.heartbeatAt() <= this.settings.memberTimeout().toMillis()) {
				throw new ClusterConfigurationException("node id '" + localNode() + "' is already used by the live"
						+ " member at " + member.address(), "Give every member a unique spawn.proxy.node-id (on"
								+ " Kubernetes the pod name), or stop the other member first.");
			}
		}
		this.thread.start();
		this.discovery.watch(this::wake);
		refresh();
		every(this.settings.heartbeatInterval().toMillis(), this::refreshQuietly);
	}

	/**
	 * Refreshes the view soon on the membership thread, without waiting for the next heartbeat: the discovery's
	 * candidates changed. Calls that come while one such refresh is queued share it.
	 */
	void wake() {
		this.thread.soon(this::refreshQuietly);
	}

	/**
	 * Runs a task on the membership thread every period, after {@link #start()}, until {@link #close()}.
	 * @param periodMillis the period
	 * @param task what to run; a failure is logged and the task runs again next period
	 */
	public void every(long periodMillis, Runnable task) {
		this.thread.every(periodMillis, task);
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			logger.warn(ex, () -> "Membership refresh failed");
		}
	}

	/** One heartbeat: write ours, read theirs, update the view. */
	public void refresh() {
		long now = this.clock.getAsLong();
		List<Member> rows;
		try {
			this.table.heartbeat(localNode(), this.settings.address(),
					ownState(), this.startedAt, now);
			rows = this.table.members();
			this.health.heartbeatRecorded(now);
		}
		catch (RuntimeException ex) {
			this.health.problem("the member table cannot be read (" + ex.getMessage() + "); keeping the last view of "
					+ this.view.nodeIds());
			return;
		}
		try {
			this.candidates = Set.copyOf(this.discovery.peerAddresses());
		}
		catch (RuntimeException ex) {
			this.health.problem("peer discovery failed (" + ex.getMessage() + "); keeping its last answer " + this.candidates);
			rows = filterByCandidates(rows, now);
			update(rows);
			return;
		}
		this.health.recovered();
		update(filterByCandidates(rows, now));
	}

	private List<Member> filterByCandidates(List<Member> rows, long now) {
		long timeout = this.settings.memberTimeout().toMillis();
		boolean any = this.candidates.contains("*");
		List<Member> live = new ArrayList<>();
		for (Member member : rows) {
			if (member.nodeId().equals(localNode())) {
				continue;
			}
			Long left = this.leaving.get(member.nodeId());
			if (left != null && left != member.startedAt()) {
				// A new incarnation under the same node id: its predecessor's leave no longer applies.
				this.leaving.remove(member.nodeId());
				left = null;
			}
			if (member.state() != Member.State.UP || left != null) {
				continue;
			}
			if (now - member.heartbeatAt() > timeout) {
				continue;
			}
			if (!any && !this.candidates.contains(member.address())) {
				continue;
			}
			live.add(member);
		}
		if (ownState() == Member.State.UP) {
			live.add(self(Member.State.UP, now));
		}
		this.leaving.keySet().removeIf((node) -> rows.stream().noneMatch((row) -> row.nodeId().equals(node)));
		live.sort(Comparator.comparing(Member::nodeId));
		return live;
	}

	private synchronized void update(List<Member> live) {
		MembershipView next = new MembershipView(live);
		MembershipView previous = this.view;
		this.view = next;
		for (Member before : previous.members()) {
			if (!next.contains(before.nodeId()) && !before.nodeId().equals(localNode())
					&& !this.leaving.containsKey(before.nodeId())) {
				this.membersLost.incrementAndGet();
				logger.warn(() -> "Member '" + before.nodeId() + "' at " + before.address() + " stopped heartbeating;"
						+ " its actors move to the others once their leases expire");
			}
		}
		if (!next.sameMembers(previous)) {
			logger.info(() -> "Members seen by '" + localNode() + "': " + next.nodeIds() + " (were "
					+ previous.nodeIds() + ")");
			for (Consumer<MembershipView> listener : this.listeners) {
				try {
					listener.accept(next);
				}
				catch (RuntimeException ex) {
					logger.warn(ex, () -> "A membership listener failed");
				}
			}
		}
	}

	private Member.State ownState() {
		return this.leavingSelf ? Member.State.LEAVING : this.ready ? Member.State.UP : Member.State.JOINING;
	}

	/**
	 * This member can run actors now: from its next heartbeat on, the others place actors on it. Until then it is
	 * JOINING, so that no call is forwarded to a member whose host has not registered yet.
	 */
	public void ready() {
		if (this.ready || this.leavingSelf) {
			return;
		}
		this.ready = true;
		refreshQuietly();
	}

	/**
	 * Another member said it is leaving: it takes no new actors from now on.
	 * @param nodeId its node id
	 */
	public void memberLeaving(String nodeId) {
		if (nodeId.equals(localNode())) {
			return;
		}
		long incarnation = this.view.members()
			.stream()
			.filter((member) -> member.nodeId().equals(nodeId))
			.mapToLong(Member::startedAt)
			.findFirst()
			.orElse(-1);
		if (incarnation >= 0) {
			this.leaving.put(nodeId, incarnation);
		}
		List<Member> live = new ArrayList<>(this.view.members());
		live.removeIf((member) -> member.nodeId().equals(nodeId));
		update(live);
	}

	/**
	 * This member starts to leave: its row says LEAVING and its own view no longer holds it, so every actor is
	 * placed on the others.
	 */
	public void leave() {
		this.leavingSelf = true;
		List<Member> live = new ArrayList<>(this.view.members());
		live.removeIf((member) -> member.nodeId().equals(localNode()));
		update(live);
		try {
			this.table.heartbeat(localNode(), this.settings.address(), Member.State.LEAVING, this.startedAt,
					this.clock.getAsLong());
		}
		catch (RuntimeException ex) {
			logger.warn(() -> "Could not record that '" + localNode() + "' is leaving: " + ex.getMessage());
		}
	}

	/** Members that dropped out of the view without saying they leave. */
	public long membersLost() {
		return this.membersLost.get();
	}

	public boolean isLeaving() {
		return this.leavingSelf;
	}

	/** Stops heartbeats and the discovery's watch, and removes this member's row. */
	@Override
	public void close() {
		this.thread.close();
		try {
			this.discovery.close();
		}
		catch (RuntimeException ex) {
			logger.warn(ex, () -> "Could not stop the peer discovery of '" + localNode() + "'");
		}
		try {
			this.table.remove(localNode());
		}
		catch (RuntimeException ex) {
			logger.warn(() -> "Could not remove member '" + localNode() + "'; its heartbeat expires by itself: "
					+ ex.getMessage());
		}
	}

	private Member self(Member.State state, long now) {
		return new Member(localNode(), this.settings.address(), state, this.startedAt, now);
	}

}
