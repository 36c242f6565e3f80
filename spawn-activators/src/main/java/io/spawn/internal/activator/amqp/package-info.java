/**
 * Internal API, not for applications: the RabbitMQ source of activators, on a Spring AMQP listener container
 * (ADR 0028).
 */
@NullMarked
package io.spawn.internal.activator.amqp;

import org.jspecify.annotations.NullMarked;
