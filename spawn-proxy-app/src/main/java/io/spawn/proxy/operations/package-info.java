/**
 * The operations API as actuator endpoints: {@code spawnactors} (actors, their state, history, restore and
 * schedules), {@code spawntimers} (a system's schedules) and {@code spawnoverview} (the member's health, members,
 * counts and calls, for the dashboard), with their access rules.
 */
@NullMarked
package io.spawn.proxy.operations;

import org.jspecify.annotations.NullMarked;
