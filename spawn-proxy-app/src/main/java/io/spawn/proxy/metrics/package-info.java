/**
 * Micrometer metrics of the runtime: invocations, activations, passivations, snapshots, active actors and mailbox
 * depth, with tag values kept to a bounded set.
 */
@NullMarked
package io.spawn.proxy.metrics;

import org.jspecify.annotations.NullMarked;
