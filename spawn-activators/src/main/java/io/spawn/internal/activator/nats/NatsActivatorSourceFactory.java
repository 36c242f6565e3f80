package io.spawn.internal.activator.nats;

import io.spawn.internal.activator.ActivatorInvoker;
import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.Source;
import io.spawn.internal.activator.ActivatorSource;
import io.spawn.internal.activator.ActivatorSourceFactory;

/**
 * Creates the NATS sources ({@code source=nats}).
 */
public final class NatsActivatorSourceFactory implements ActivatorSourceFactory {

	@Override
	public Source kind() {
		return Source.NATS;
	}

	@Override
	public ActivatorSource create(ActivatorInvoker invoker, Activator settings) {
		return new NatsActivatorSource(invoker, settings.getNats());
	}

}
