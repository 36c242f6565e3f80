/**
 * The actor runtime, where a message enters ({@link io.spawn.internal.runtime.ActorRuntime}) and where actor
 * state lives while an actor is active (one activation per actor, one message at a time). Internal API: not for
 * use outside Spawn's own modules, and free to change without notice.
 */
@NullMarked
package io.spawn.internal.runtime;

import org.jspecify.annotations.NullMarked;
