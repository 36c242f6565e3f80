/**
 * The port through which the runtime runs an action in the user's application (the host): over HTTP in sidecar
 * mode, in-process in embedded mode. Internal API: not for use outside Spawn's own modules.
 */
@NullMarked
package io.spawn.internal.host;

import org.jspecify.annotations.NullMarked;
