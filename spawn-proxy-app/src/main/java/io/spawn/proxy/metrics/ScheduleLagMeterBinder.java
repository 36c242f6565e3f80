package io.spawn.proxy.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The gauge {@code spawn.schedule.lag}: how late, in milliseconds, the last delayed call or timer fired after its
 * due time. A lag that keeps growing means the proxies cannot keep up with the schedules (or the database is
 * slow). Absent when the scheduler is not the durable one.
 */
public final class ScheduleLagMeterBinder implements MeterBinder {

	private final Supplier<@Nullable Long> lagMillis;

	public ScheduleLagMeterBinder(Supplier<@Nullable Long> lagMillis) {
		this.lagMillis = lagMillis;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.lagMillis.get() == null) {
			return;
		}
		Gauge.builder("spawn.schedule.lag", this.lagMillis, ScheduleLagMeterBinder::value)
			.description("How late the last scheduled invocation (delayed call or timer) fired after its due time")
			.baseUnit("milliseconds")
			.register(registry);
	}

	private static double value(Supplier<@Nullable Long> lagMillis) {
		Long lag = lagMillis.get();
		return (lag != null) ? lag : Double.NaN;
	}

}
