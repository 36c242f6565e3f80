package io.spawn.internal.activator;

import io.spawn.internal.activator.ActivatorDefinition.RetryPolicy;
import io.spawn.internal.activator.ActivatorProperties.Activator;
import io.spawn.internal.activator.ActivatorProperties.IdFrom;
import io.spawn.internal.activator.ActivatorProperties.Retry;
import io.spawn.internal.activator.ActivatorProperties.Source;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.StringUtils;

/**
 * Checks {@code spawn.activators.*} at startup and turns each activator into an {@link ActivatorDefinition}; every
 * problem found is reported at once, each naming its property.
 */
public final class ActivatorDefinitions {

	private ActivatorDefinitions() {
	}

	/**
	 * Checks every activator.
	 * @param activators the activators by name
	 * @return their definitions, in configuration order
	 * @throws ActivatorConfigurationException listing every problem
	 */
	public static List<ActivatorDefinition> of(Map<String, Activator> activators) {
		List<String> problems = new ArrayList<>();
		List<ActivatorDefinition> definitions = new ArrayList<>();
		activators.forEach((name, activator) -> {
			ActivatorDefinition definition = check(name, activator, problems);
			if (definition != null) {
				definitions.add(definition);
			}
		});
		if (!problems.isEmpty()) {
			throw new ActivatorConfigurationException("Invalid activator configuration:\n - "
					+ String.join("\n - ", problems));
		}
		return List.copyOf(definitions);
	}

	private static @Nullable ActivatorDefinition check(String name, Activator activator, List<String> problems) {
		String prefix = "spawn.activators." + name + ".";
		int before = problems.size();
		Source source = activator.getSource();
		if (source == null) {
			problems.add(prefix + "source is required: one of kafka, rabbitmq, nats, cron");
		}
		String system = required(activator.getSystem(), prefix + "system", "the actor system of the target actor",
				problems);
		String actor = required(activator.getActor(), prefix + "actor",
				"the named actor, or the UNNAMED template, to call", problems);
		String action = required(activator.getAction(), prefix + "action", "the action to call", problems);
		ActivatorProperties.Id id = activator.getId();
		String idKey = switch (id.getFrom()) {
			case HEADER -> required(id.getHeader(), prefix + "id.header", "the header that holds the actor id",
					problems);
			case JSON -> required(id.getField(), prefix + "id.field", "the JSON field that holds the actor id",
					problems);
			case FIXED -> StringUtils.hasText(id.getName()) ? id.getName() : actor;
		};
		if (source == Source.CRON && id.getFrom() != IdFrom.FIXED) {
			problems.add(prefix + "id.from must be fixed for a cron activator: a firing has no headers or body");
		}
		if (source == Source.CRON && activator.getPayload() == ActivatorProperties.Payload.ANY) {
			problems.add(prefix + "payload must be json or bytes for a cron activator: its command is a JSON object");
		}
		Retry retry = activator.getRetry();
		if (retry.getMaxAttempts() < 1) {
			problems.add(prefix + "retry.max-attempts must be at least 1, was " + retry.getMaxAttempts());
		}
		if (retry.getMultiplier() < 1.0) {
			problems.add(prefix + "retry.multiplier must be at least 1, was " + retry.getMultiplier());
		}
		positive(retry.getInitialBackoff(), prefix + "retry.initial-backoff", problems);
		positive(retry.getMaxBackoff(), prefix + "retry.max-backoff", problems);
		positive(retry.getCallTimeout(), prefix + "retry.call-timeout", problems);
		if (source == Source.KAFKA) {
			required(activator.getKafka().getTopic(), prefix + "kafka.topic", "the topic to read", problems);
			if (activator.getKafka().getConcurrency() < 1) {
				problems.add(prefix + "kafka.concurrency must be at least 1, was "
						+ activator.getKafka().getConcurrency());
			}
		}
		if (source == Source.RABBITMQ) {
			required(activator.getRabbitmq().getQueue(), prefix + "rabbitmq.queue", "the queue to consume", problems);
			if (activator.getRabbitmq().getPrefetch() < 1) {
				problems.add(prefix + "rabbitmq.prefetch must be at least 1, was " + activator.getRabbitmq().getPrefetch());
			}
		}
		if (source == Source.NATS) {
			required(activator.getNats().getSubject(), prefix + "nats.subject", "the subject to read", problems);
			if (activator.getNats().getBatch() < 1) {
				problems.add(prefix + "nats.batch must be at least 1, was " + activator.getNats().getBatch());
			}
			positive(activator.getNats().getAckWait(), prefix + "nats.ack-wait", problems);
			if (activator.getNats().getMaxAckPending() < 1) {
				problems.add(prefix + "nats.max-ack-pending must be at least 1, was "
						+ activator.getNats().getMaxAckPending());
			}
			if (activator.getNats().getAckWait().compareTo(retry.getCallTimeout()) <= 0) {
				problems.add(prefix + "nats.ack-wait (" + activator.getNats().getAckWait()
						+ ") must be longer than retry.call-timeout (" + retry.getCallTimeout()
						+ "), or the server delivers a message again while its first call still runs");
			}
		}
		if (source == Source.CRON) {
			checkCron(activator.getCron(), prefix, problems);
		}
		if (problems.size() > before) {
			return null;
		}
		return new ActivatorDefinition(name, source, system, actor, action, activator.getPayload(), id.getFrom(),
				idKey, new RetryPolicy(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMultiplier(),
						retry.getMaxBackoff(), retry.getCallTimeout()));
	}

	private static void checkCron(ActivatorProperties.Cron cron, String prefix, List<String> problems) {
		String expression = required(cron.getExpression(), prefix + "cron.expression",
				"a cron expression such as '0 */5 * * * *' (second minute hour day month weekday)", problems);
		if (!expression.isEmpty()) {
			try {
				CronExpression.parse(expression);
			}
			catch (IllegalArgumentException ex) {
				problems.add(prefix + "cron.expression '" + expression + "' is not a cron expression: "
						+ ex.getMessage() + " (six fields: second minute hour day month weekday)");
			}
		}
		try {
			ZoneId.of(cron.getZone());
		}
		catch (DateTimeException ex) {
			problems.add(prefix + "cron.zone '" + cron.getZone() + "' is not a time zone: " + ex.getMessage());
		}
	}

	private static String required(@Nullable String value, String property, String what, List<String> problems) {
		if (!StringUtils.hasText(value)) {
			problems.add(property + " is required: " + what);
			return "";
		}
		return value.strip();
	}

	private static void positive(Duration duration, String property, List<String> problems) {
		if (duration.isNegative() || duration.isZero()) {
			problems.add(property + " must be positive, was " + duration);
		}
	}

}
