/**
 * Internal API, not for applications: the cron source of activators, fired once per occurrence across the cluster
 * through the runtime's durable scheduler (ADR 0028).
 */
@NullMarked
package io.spawn.internal.activator.cron;

import org.jspecify.annotations.NullMarked;
