/**
 * Start, graceful drain and readiness of the runtime inside the application's lifecycle.
 */
@NullMarked
package io.spawn.proxy.lifecycle;

import org.jspecify.annotations.NullMarked;
