package io.spawn.internal.state;

/**
 * The state store could not be read or written (database down, timeout, corrupt row). Calls that need the
 * store fail fast with it instead of waiting.
 */
public class StateStoreException extends RuntimeException {

	public StateStoreException(String message) {
		super(message);
	}

	public StateStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
