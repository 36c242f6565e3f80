/**
 * The client side of the host protocol: runs actions in the user's application over HTTP ({@code POST
 * /api/v1/actors/actions}).
 */
@NullMarked
package io.spawn.proxy.host;

import org.jspecify.annotations.NullMarked;
