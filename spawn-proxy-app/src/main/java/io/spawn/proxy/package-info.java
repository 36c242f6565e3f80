/**
 * The Spawn sidecar proxy: a Spring Boot application that puts the actor runtime of spawn-proxy-core behind the
 * Spawn v1 HTTP protocol.
 */
@NullMarked
package io.spawn.proxy;

import org.jspecify.annotations.NullMarked;
