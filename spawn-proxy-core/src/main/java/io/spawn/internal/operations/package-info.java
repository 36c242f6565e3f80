/**
 * The operations API's service: listing and inspecting actors, their state, revisions and schedules, and the few
 * writes an operator makes (restore a revision, cancel a schedule). Internal API: not for use outside Spawn's own
 * modules, and free to change without notice; the proxy's actuator endpoints and the starter's client are its
 * public faces.
 */
@NullMarked
package io.spawn.internal.operations;

import org.jspecify.annotations.NullMarked;
