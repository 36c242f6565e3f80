package io.spawn.proxy.config;

import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.internal.runtime.RuntimeObserver;
import io.spawn.internal.state.ActorKey;
import java.util.List;

/**
 * Passes the runtime's events to every observer of the proxy (metrics, the failed-invocation log), in order.
 */
final class CompositeRuntimeObserver implements RuntimeObserver {

	private final List<RuntimeObserver> observers;

	private CompositeRuntimeObserver(List<RuntimeObserver> observers) {
		this.observers = observers;
	}

	static RuntimeObserver of(List<RuntimeObserver> observers) {
		return switch (observers.size()) {
			case 0 -> RuntimeObserver.NONE;
			case 1 -> observers.getFirst();
			default -> new CompositeRuntimeObserver(List.copyOf(observers));
		};
	}

	@Override
	public void invocationCompleted(ActorKey actor, String action, InvocationStatus status, long nanos) {
		for (RuntimeObserver observer : this.observers) {
			observer.invocationCompleted(actor, action, status, nanos);
		}
	}

	@Override
	public void activated(ActorKey actor) {
		for (RuntimeObserver observer : this.observers) {
			observer.activated(actor);
		}
	}

	@Override
	public void passivated(ActorKey actor) {
		for (RuntimeObserver observer : this.observers) {
			observer.passivated(actor);
		}
	}

	@Override
	public void snapshotWritten(ActorKey actor) {
		for (RuntimeObserver observer : this.observers) {
			observer.snapshotWritten(actor);
		}
	}

	@Override
	public void snapshotFailed(ActorKey actor, Throwable error) {
		for (RuntimeObserver observer : this.observers) {
			observer.snapshotFailed(actor, error);
		}
	}

	@Override
	public void callForwarded(ActorKey actor, String member, InvocationStatus status) {
		for (RuntimeObserver observer : this.observers) {
			observer.callForwarded(actor, member, status);
		}
	}

}
