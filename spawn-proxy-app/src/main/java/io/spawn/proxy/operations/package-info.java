/**
 * The operations API as actuator endpoints: {@code spawnactors} (actors, their state, history, restore and
 * schedules) and {@code spawntimers} (a system's schedules), with their access rules.
 */
@NullMarked
package io.spawn.proxy.operations;

import org.jspecify.annotations.NullMarked;
