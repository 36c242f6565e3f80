package io.spawn.proxy.logging;

import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.state.ActorKey;
import java.util.function.LongSupplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes one WARN line for each failed invocation (unknown actor or action, host failure, timeout, ...) with its
 * system, actor, action and outcome, so that a failure shows in the proxy's log at its default level. Lines are
 * rate-limited by a token bucket (a burst of {@value #DEFAULT_BURST}, then {@value #DEFAULT_PER_SECOND} a second),
 * so a flood of failing calls cannot fill a disk; the next line written says how many were left out.
 *
 * <p>
 * Names come from callers, so they are written with control characters escaped: a name cannot forge log lines.
 */
public final class FailedInvocationLogger implements RuntimeObserver {

	static final int DEFAULT_BURST = 20;

	static final int DEFAULT_PER_SECOND = 2;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private static final int MAX_NAME = 200;

	private final Log logger;

	private final LongSupplier nanoTime;

	private final int burst;

	private final long nanosPerToken;

	private double tokens;

	private long refilledAt;

	private long suppressed;

	/** Logs to this class's logger at the default rate. */
	public FailedInvocationLogger() {
		this(LogFactory.getLog(FailedInvocationLogger.class), System::nanoTime, DEFAULT_BURST, DEFAULT_PER_SECOND);
	}

	FailedInvocationLogger(Log logger, LongSupplier nanoTime, int burst, int perSecond) {
		this.logger = logger;
		this.nanoTime = nanoTime;
		this.burst = burst;
		this.nanosPerToken = NANOS_PER_SECOND / perSecond;
		this.tokens = burst;
		this.refilledAt = nanoTime.getAsLong();
	}

	@Override
	public void invocationCompleted(ActorKey actor, String action, InvocationStatus status, long nanos) {
		if (status == InvocationStatus.OK || !this.logger.isWarnEnabled()) {
			return;
		}
		long left;
		synchronized (this) {
			refill();
			if (this.tokens < 1) {
				this.suppressed++;
				return;
			}
			this.tokens--;
			left = this.suppressed;
			this.suppressed = 0;
		}
		this.logger.warn("Invocation failed: system=" + safe(actor.system()) + " actor=" + safe(actor.name())
				+ " action=" + safe(action) + " status=" + status
				+ ((left > 0) ? " (" + left + " more failed invocations not logged before this one)" : ""));
	}

	private void refill() {
		long now = this.nanoTime.getAsLong();
		long elapsed = now - this.refilledAt;
		if (elapsed > 0) {
			this.tokens = Math.min(this.burst, this.tokens + (double) elapsed / this.nanosPerToken);
			this.refilledAt = now;
		}
	}

	static String safe(String name) {
		StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_NAME) + 2).append('\'');
		for (int i = 0; i < name.length() && i < MAX_NAME; i++) {
			char c = name.charAt(i);
			if (Character.isISOControl(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		if (name.length() > MAX_NAME) {
			out.append("...");
		}
		return out.append('\'').toString();
	}

}
