package io.spawn.autoconfigure;

/**
 * Embedded mode was chosen (it is the default) but the runtime it runs, {@code spawn-proxy-core}, is not on the
 * class path. {@link EmbeddedRuntimeMissingFailureAnalyzer} turns it into a startup report that says what to do.
 */
final class EmbeddedRuntimeMissingException extends RuntimeException {

	EmbeddedRuntimeMissingException() {
		super("spawn.mode is embedded (the default) but the embedded runtime (io.spawn:spawn-proxy-core) is not on "
				+ "the class path");
	}

}
