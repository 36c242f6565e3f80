/**
 * How {@code @Actor} beans become actors: introspection of their methods, the mapping of Java objects to protocol
 * payloads, the dispatcher that runs an {@code ActorInvocation} on a bean, and the typed-reference client. Internal
 * API: not for use outside Spawn's own modules.
 */
@NullMarked
package io.spawn.internal.model;

import org.jspecify.annotations.NullMarked;
