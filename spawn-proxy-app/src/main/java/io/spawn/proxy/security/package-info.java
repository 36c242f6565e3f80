/**
 * Authentication of the proxy's callers: the bearer token every protocol route, contract route and contract gRPC
 * call must carry when one is configured, and the same token on the proxy's own calls to the host.
 */
@NullMarked
package io.spawn.proxy.security;

import org.jspecify.annotations.NullMarked;
