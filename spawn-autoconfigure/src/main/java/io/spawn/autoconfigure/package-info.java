/**
 * Spring Boot auto-configuration of Spawn: the actor models, the typed-reference client, and the embedded runtime
 * (default) or the sidecar connection.
 */
@NullMarked
package io.spawn.autoconfigure;

import org.jspecify.annotations.NullMarked;
