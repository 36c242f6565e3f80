/**
 * Contract-first endpoints: users' actor contracts ({@code .proto} services with {@code option
 * (spawn.actors.actor)}) loaded from descriptor sets and served as dynamic gRPC services and as HTTP/JSON.
 */
@NullMarked
package io.spawn.proxy.grpc;

import org.jspecify.annotations.NullMarked;
