/**
 * Test support: {@link io.spawn.test.ActorTestKit} unit-tests an actor bean with no Spring and no runtime.
 */
@NullMarked
package io.spawn.test;

import org.jspecify.annotations.NullMarked;
