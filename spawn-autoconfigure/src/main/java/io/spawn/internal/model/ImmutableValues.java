package io.spawn.internal.model;

import com.google.protobuf.Message;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Which values may travel as Java objects between a caller and an actor in one process: those nobody can change
 * after the call, so that sharing the object is as safe as copying it through JSON. They are protobuf messages,
 * strings, boxed primitives, enums, {@code UUID}, {@code BigInteger}/{@code BigDecimal}, the {@code java.time}
 * value types, and records whose components are all declared as such types (nested records included). A record
 * with a collection, an array, a type variable or a mutable class among its components is copied through JSON as
 * before: its parts could be changed by either side.
 */
final class ImmutableValues {

	private static final Set<Class<?>> VALUE_TYPES = Set.of(String.class, Boolean.class, Character.class, Byte.class,
			Short.class, Integer.class, Long.class, Float.class, Double.class, UUID.class, BigInteger.class,
			BigDecimal.class, Instant.class, LocalDate.class, LocalDateTime.class, LocalTime.class,
			OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class, Year.class,
			YearMonth.class, MonthDay.class, ZoneOffset.class);

	private static final ThreadLocal<Set<Class<?>>> IN_PROGRESS = ThreadLocal.withInitial(HashSet::new);

	private static final ClassValue<Boolean> IMMUTABLE = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			return compute(type);
		}
	};

	private ImmutableValues() {
	}

	/**
	 * Whether a value of this runtime class cannot change after it was made.
	 * @param type the value's class
	 * @return whether it is immutable
	 */
	static boolean isImmutable(Class<?> type) {
		return IMMUTABLE.get(type);
	}

	private static boolean compute(Class<?> type) {
		if (type.isPrimitive() || VALUE_TYPES.contains(type) || type.isEnum()
				|| (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
			return true;
		}
		if (Message.class.isAssignableFrom(type)) {
			return true;
		}
		if (!type.isRecord()) {
			return false;
		}
		Set<Class<?>> inProgress = IN_PROGRESS.get();
		if (!inProgress.add(type)) {
			// A record that contains itself (a linked node): immutable if the rest of it is.
			return true;
		}
		try {
			for (RecordComponent component : type.getRecordComponents()) {
				if (!(component.getGenericType() instanceof Class<?> declared) || !declaredImmutable(declared)) {
					return false;
				}
			}
			return true;
		}
		finally {
			inProgress.remove(type);
		}
	}

	/**
	 * A component's declared type: a subclass could add mutable parts, so only final value types count. Nested
	 * records are worked out here, not cached on their own: one that refers back to a record still being worked out
	 * would otherwise be cached before that record's answer is known.
	 */
	private static boolean declaredImmutable(Class<?> declared) {
		if (declared.isRecord()) {
			return IN_PROGRESS.get().contains(declared) || compute(declared);
		}
		return declared.isPrimitive() || declared.isEnum() || Message.class.isAssignableFrom(declared)
				|| VALUE_TYPES.contains(declared);
	}

}
