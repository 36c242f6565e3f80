/**
 * The bearer token of the protocol's HTTP and gRPC transport between an application and its proxy
 * ({@code Authorization: Bearer <token>}, docs/security.md).
 */
@NullMarked
package io.spawn.protocol.auth;

import org.jspecify.annotations.NullMarked;
