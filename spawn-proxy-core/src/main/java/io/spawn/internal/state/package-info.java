/**
 * Where actor state is persisted: the state-store port, keyed by the natural key {@code (system, name)}, with
 * revision-checked writes, and its in-memory implementation. Internal API: not for use outside Spawn's modules.
 */
@NullMarked
package io.spawn.internal.state;

import org.jspecify.annotations.NullMarked;
