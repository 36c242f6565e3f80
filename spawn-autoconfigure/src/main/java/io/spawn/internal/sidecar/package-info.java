/**
 * Sidecar mode: the HTTP host endpoint the proxy calls ({@code POST /api/v1/actors/actions}), and the protocol
 * client that registers with the proxy and sends calls to it. Internal API: not for use outside Spawn's modules.
 */
@NullMarked
package io.spawn.internal.sidecar;

import org.jspecify.annotations.NullMarked;
