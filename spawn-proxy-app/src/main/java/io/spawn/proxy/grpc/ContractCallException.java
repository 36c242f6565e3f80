package io.spawn.proxy.grpc;

import io.spawn.internal.runtime.InvocationStatus;

/**
 * A contract call that failed, with the runtime's outcome and its message.
 */
final class ContractCallException extends RuntimeException {

	private final InvocationStatus status;

	ContractCallException(InvocationStatus status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	InvocationStatus status() {
		return this.status;
	}

}
