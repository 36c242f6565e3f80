/**
 * The protocol routes, where a message enters the proxy over HTTP: raw protobuf bodies in, protobuf answers out,
 * with the status and HTTP code of every outcome.
 */
@NullMarked
package io.spawn.proxy.http;

import org.jspecify.annotations.NullMarked;
