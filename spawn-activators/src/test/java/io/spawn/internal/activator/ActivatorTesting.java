package io.spawn.internal.activator;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Activators bound from properties, as the auto-configuration binds them.
 */
public final class ActivatorTesting {

	private ActivatorTesting() {
	}

	public static ActivatorProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("spawn",
				ActivatorProperties.class);
	}

	public static Activators start(LedgerRuntime ledger, Map<String, String> properties,
			ActivatorSourceFactory... factories) {
		Activators activators = new Activators(ledger.runtime, bind(properties), List.of(factories));
		activators.start();
		return activators;
	}

}
