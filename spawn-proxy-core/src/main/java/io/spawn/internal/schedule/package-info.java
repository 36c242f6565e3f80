/**
 * Delayed calls and timer actions: the scheduler port and its in-memory implementation. Internal API: not for
 * use outside Spawn's own modules.
 */
@NullMarked
package io.spawn.internal.schedule;

import org.jspecify.annotations.NullMarked;
