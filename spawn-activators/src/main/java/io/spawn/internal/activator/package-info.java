/**
 * Internal API, not for applications: activators, which turn messages of a broker or the firings of a cron
 * expression into calls to actors ({@code spawn.activators.*}), for the proxy and the embedded mode alike.
 */
@NullMarked
package io.spawn.internal.activator;

import org.jspecify.annotations.NullMarked;
