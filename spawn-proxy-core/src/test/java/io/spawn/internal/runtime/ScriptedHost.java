package io.spawn.internal.runtime;

import com.google.protobuf.Any;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import io.spawn.internal.host.ActorHost;
import io.spawn.internal.host.HostException;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host written for the tests: each (actor, action) pair runs a handler given by the test, and every
 * invocation is recorded in arrival order. Handlers are found by actor name first, then by template name.
 */
final class ScriptedHost implements ActorHost {

	private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

	final ConcurrentLinkedQueue<ActorInvocation> received = new ConcurrentLinkedQueue<>();

	/** Calls currently inside the host, per actor name, and the highest seen. */
	final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();

	ScriptedHost on(String actor, String action, Handler handler) {
		this.handlers.put(actor + "#" + action, handler);
		return this;
	}

	@Override
	public ActorInvocationResponse invoke(ActorInvocation invocation, Duration timeout) {
		this.received.add(invocation);
		String name = invocation.getActor().getName();
		int now = this.inFlight.computeIfAbsent(name, (k) -> new AtomicInteger()).incrementAndGet();
		this.maxInFlight.computeIfAbsent(name, (k) -> new AtomicInteger()).accumulateAndGet(now, Math::max);
		try {
			Handler handler = this.handlers.get(name + "#" + invocation.getActionName());
			if (handler == null) {
				handler = this.handlers.get(invocation.getActor().getParent() + "#" + invocation.getActionName());
			}
			if (handler == null) {
				throw new HostException(HostException.Reason.ACTION_FAILED,
						"test host has no handler for " + name + "#" + invocation.getActionName());
			}
			return handler.handle(invocation);
		}
		catch (HostException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new HostException(HostException.Reason.ACTION_FAILED, ex.getMessage(), ex);
		}
		finally {
			this.inFlight.get(name).decrementAndGet();
		}
	}

	List<ActorInvocation> received(String actor) {
		return this.received.stream().filter((i) -> i.getActor().getName().equals(actor)).toList();
	}

	List<String> actions(String actor) {
		return received(actor).stream().map(ActorInvocation::getActionName).toList();
	}

	int maxInFlight(String actor) {
		AtomicInteger max = this.maxInFlight.get(actor);
		return (max != null) ? max.get() : 0;
	}

	// Helpers for handlers --------------------------------------------------------------------------------------

	static long number(Any any) {
		if (any == null || any.getTypeUrl().isEmpty()) {
			return 0;
		}
		try {
			return any.unpack(Int64Value.class).getValue();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	static Any number(long value) {
		return Any.pack(Int64Value.of(value));
	}

	static Any text(String value) {
		return Any.pack(StringValue.of(value));
	}

	static String text(Any any) {
		try {
			return any.unpack(StringValue.class).getValue();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	static long state(ActorInvocation invocation) {
		return number(invocation.getCurrentContext().getState());
	}

	static long input(ActorInvocation invocation) {
		return invocation.hasValue() ? number(invocation.getValue()) : 0;
	}

	/** A reply that sets the state to {@code state} and answers {@code reply}. */
	static ActorInvocationResponse.Builder reply(ActorInvocation invocation, long state, Any reply) {
		return ActorInvocationResponse.newBuilder()
			.setActorName(invocation.getActor().getName())
			.setActorSystem(invocation.getActor().getSystem())
			.setUpdatedContext(Context.newBuilder().setState(number(state)))
			.setValue(reply);
	}

	/** A reply that leaves the state as it is. */
	static ActorInvocationResponse.Builder answer(ActorInvocation invocation, Any reply) {
		return ActorInvocationResponse.newBuilder()
			.setActorName(invocation.getActor().getName())
			.setActorSystem(invocation.getActor().getSystem())
			.setValue(reply);
	}

	/** Adds the input to a numeric state and answers the new total. */
	static ActorInvocationResponse add(ActorInvocation invocation) {
		long total = state(invocation) + input(invocation);
		return reply(invocation, total, number(total)).build();
	}

	@FunctionalInterface
	interface Handler {

		ActorInvocationResponse handle(ActorInvocation invocation) throws Exception;

	}

}
