/**
 * Configuration of the proxy: the {@code spawn.proxy.*} properties, their upstream environment-variable aliases,
 * and the wiring of the runtime, its ports and the DataSource.
 */
@NullMarked
package io.spawn.proxy.config;

import org.jspecify.annotations.NullMarked;
