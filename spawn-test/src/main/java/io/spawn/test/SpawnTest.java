package io.spawn.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * Boots the application for a test on the embedded runtime, with in-memory state and a virtual clock: inject
 * {@link SpawnTestClock} to advance time (firing timers, delayed calls and passivation) and {@link SpawnTestRecorder}
 * to see the broadcasts and side effects actions emitted. Needs no database, proxy or network.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@Import(SpawnTestConfiguration.class)
@TestPropertySource(properties = { "spawn.mode=embedded", "spawn.embedded.persistent=false" })
public @interface SpawnTest {

	/**
	 * Properties for the test, as in {@link SpringBootTest#properties()}.
	 * @return the properties
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

	/**
	 * Classes to boot, as in {@link SpringBootTest#classes()}.
	 * @return the classes
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "classes")
	Class<?>[] classes() default {};

}
