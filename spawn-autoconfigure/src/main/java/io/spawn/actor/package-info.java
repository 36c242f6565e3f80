/**
 * What an actor author writes: {@link io.spawn.actor.Actor @Actor} beans, their
 * {@link io.spawn.actor.Action @Action} methods and the {@link io.spawn.actor.Effect} they return.
 */
@NullMarked
package io.spawn.actor;

import org.jspecify.annotations.NullMarked;
