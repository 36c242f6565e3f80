/**
 * What a caller writes: typed {@link io.spawn.client.ActorRef references} to actors, called with method
 * references instead of action names.
 */
@NullMarked
package io.spawn.client;

import org.jspecify.annotations.NullMarked;
