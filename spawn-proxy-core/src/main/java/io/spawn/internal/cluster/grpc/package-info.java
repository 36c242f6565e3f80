/**
 * The peer transport: a plain grpc-java server and client on the peer port carrying forwarded calls,
 * broadcasts and leave notices between members. Internal API, not for use outside Spawn for Java.
 */
@NullMarked
package io.spawn.internal.cluster.grpc;

import org.jspecify.annotations.NullMarked;
