/**
 * Internal API, not for applications: the Kafka source of activators, on a Spring for Apache Kafka listener
 * container (ADR 0028).
 */
@NullMarked
package io.spawn.internal.activator.kafka;

import org.jspecify.annotations.NullMarked;
