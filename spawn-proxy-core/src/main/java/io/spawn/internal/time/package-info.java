/**
 * Time for the actor runtime, as a port, so that tests drive passivation, snapshots, deadlines and schedules on
 * a virtual clock. Internal API: not for use outside Spawn's own modules, and free to change without notice.
 */
@NullMarked
package io.spawn.internal.time;

import org.jspecify.annotations.NullMarked;
