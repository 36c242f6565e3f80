package io.spawn.internal.activator;

import io.spawn.internal.activator.ActivatorProperties.IdFrom;
import io.spawn.internal.activator.ActivatorProperties.Payload;
import io.spawn.internal.activator.ActivatorProperties.Source;
import java.time.Duration;

/**
 * One activator's checked configuration: what it calls and how a message becomes the call. The source's own
 * settings stay in {@link ActivatorProperties.Activator}, read by the source.
 * @param name the activator's name, the key under {@code spawn.activators}
 * @param source where messages come from
 * @param system the target actor's system
 * @param actor the named actor, or the UNNAMED template whose instances messages name
 * @param action the action called
 * @param payload how the body becomes the command
 * @param idFrom where the actor id comes from
 * @param idKey the header or JSON field with {@code idFrom} header or json, the fixed id with fixed
 * @param retry redelivery of failed messages
 */
public record ActivatorDefinition(String name, Source source, String system, String actor, String action,
		Payload payload, IdFrom idFrom, String idKey, RetryPolicy retry) {

	/** Property prefix of this activator, for messages. */
	public String prefix() {
		return "spawn.activators." + this.name;
	}

	/**
	 * Redelivery of a message whose call failed.
	 * @param maxAttempts deliveries before the dead letter, the first included
	 * @param initialBackoff wait before the first redelivery
	 * @param multiplier growth of the wait
	 * @param maxBackoff longest wait
	 * @param callTimeout timeout of each call
	 */
	public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
			Duration callTimeout) {
	}

}
