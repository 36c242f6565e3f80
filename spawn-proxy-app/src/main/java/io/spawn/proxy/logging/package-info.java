/**
 * What the proxy writes to its log about calls: failed invocations at WARN, rate-limited.
 */
@NullMarked
package io.spawn.proxy.logging;

import org.jspecify.annotations.NullMarked;
