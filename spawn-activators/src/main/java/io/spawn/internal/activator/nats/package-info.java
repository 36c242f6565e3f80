/**
 * Internal API, not for applications: the NATS source of activators, a JetStream durable pull consumer of the
 * official NATS client (ADR 0028).
 */
@NullMarked
package io.spawn.internal.activator.nats;

import org.jspecify.annotations.NullMarked;
