/**
 * Durable state on JPA (Hibernate) and Flyway, for PostgreSQL and H2: snapshots with revision-fenced writes and
 * group commit, snapshot history, actor leases, and durable delayed calls and timers. Internal API: not for use
 * outside Spawn's own modules.
 */
@NullMarked
package io.spawn.internal.state.jpa;

import org.jspecify.annotations.NullMarked;
