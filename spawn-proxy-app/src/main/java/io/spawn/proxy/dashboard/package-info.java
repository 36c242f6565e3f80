/**
 * The operations dashboard: a static page at {@code /spawn/dashboard} that reads the operations endpoints.
 */
@NullMarked
package io.spawn.proxy.dashboard;

import org.jspecify.annotations.NullMarked;
